package io.tikmatrix.bridge.logging;

import io.tikmatrix.bridge.validation.SecretValues;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.DefaultLogEventFactory;
import org.apache.logging.log4j.core.impl.LogEventFactory;
import org.apache.logging.log4j.core.impl.ReusableLogEventFactory;
import org.apache.logging.log4j.core.util.Constants;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;

import java.util.List;

/**
 * Hides known secret values ({@link SecretValues}) in every log event as it is created, before any
 * appender, layout or filter sees it: the bridge's loggers, Camel's and third-party ones alike, at every
 * level, message and stack trace. Redacting at creation rather than in one appender means an appender
 * added later (another file, a test's capture) cannot bypass it. Switched on in
 * {@code log4j2.component.properties}.
 */
public final class RedactingLogEventFactory implements LogEventFactory {

    // the factory Log4j would use without this one, so garbage-free logging stays as it was
    private final LogEventFactory plain = Constants.ENABLE_THREADLOCALS ? new ReusableLogEventFactory() : new DefaultLogEventFactory();

    @Override
    public LogEvent createEvent(String loggerName, Marker marker, String fqcn, Level level, Message data,
                                List<Property> properties, Throwable t) {
        return createEvent(loggerName, marker, fqcn, null, level, data, properties, t);
    }

    @Override
    public LogEvent createEvent(String loggerName, Marker marker, String fqcn, StackTraceElement location, Level level,
                                Message data, List<Property> properties, Throwable t) {
        return plain.createEvent(loggerName, marker, fqcn, location, level, redacted(data), properties, RedactedThrowable.of(t));
    }

    private static Message redacted(Message data) {
        if (data == null) {
            return null;
        }
        String text = data.getFormattedMessage();
        String redacted = SecretValues.redact(text);
        // the same text object back means nothing was hidden: the message stays as it came, parameters and all
        return redacted == text ? data : new SimpleMessage(redacted);
    }
}
