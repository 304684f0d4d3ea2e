package io.tikmatrix.bridge.support;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything every logger writes during a test, at every level, messages and stack traces alike: for
 * asserting what must never be logged. Loggers the configuration switches off stay off (that is the
 * product's own policy); the test configuration's levels come back afterwards.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Appender appender;

    @Override
    public void beforeEach(ExtensionContext context) {
        LoggerContext logging = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        appender = new Appender(lines);
        appender.start();
        LoggerConfig root = config.getRootLogger();
        // the console would print it all into the build's output; reconfigure() brings it back afterwards
        List.copyOf(root.getAppenders().keySet()).forEach(root::removeAppender);
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        config.getLoggers().values().stream().filter(logger -> logger.getLevel() != Level.OFF).forEach(logger -> logger.setLevel(Level.ALL));
        logging.updateLoggers();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggerContext logging = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        logging.reconfigure();
        appender.stop();
    }

    public String all() {
        return String.join("\n", lines);
    }

    private static final class Appender extends AbstractAppender {

        private final List<String> lines;

        Appender(List<String> lines) {
            super("captured", null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                lines.add(trace.toString());
            }
        }
    }
}
