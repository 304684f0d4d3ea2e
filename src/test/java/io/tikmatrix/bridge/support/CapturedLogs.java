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
 * product's own policy); the test configuration's levels come back afterwards. {@link #of} captures one
 * logger only.
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Null for every logger. */
    private final String source;
    private Appender appender;

    public CapturedLogs() {
        this(null);
    }

    private CapturedLogs(String source) {
        this.source = source;
    }

    /**
     * Only what {@code source}'s logger writes at INFO and up: for waiting on a line the product logs,
     * without the cost of logging everything at every level.
     */
    public static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source.getName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LoggerContext logging = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        appender = new Appender(lines);
        appender.start();
        if (source == null) {
            captureEverything(config);
        } else {
            LoggerConfig only = LoggerConfig.newBuilder().withLoggerName(source).withLevel(Level.INFO)
                    .withAdditivity(false).withConfig(config).build();
            only.addAppender(appender, Level.INFO, null);
            config.addLogger(source, only);
        }
        logging.updateLoggers();
    }

    private void captureEverything(Configuration config) {
        LoggerConfig root = config.getRootLogger();
        // the console would print it all into the build's output; reconfigure() brings it back afterwards
        List.copyOf(root.getAppenders().keySet()).forEach(root::removeAppender);
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        config.getLoggers().values().stream().filter(logger -> logger.getLevel() != Level.OFF).forEach(logger -> logger.setLevel(Level.ALL));
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
