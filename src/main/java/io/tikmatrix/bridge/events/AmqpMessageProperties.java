package io.tikmatrix.bridge.events;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.MessageCreatedStrategy;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.Symbol;

import java.util.Map;

/**
 * Writes what the CloudEvents AMQP binding puts where JMS cannot reach, on the Qpid JMS message camel-amqp made:
 * the AMQP {@code content-type} property, and the {@code cloudEvents:*} application properties, whose names JMS
 * would refuse (a colon is no Java identifier).
 */
public final class AmqpMessageProperties implements MessageCreatedStrategy {

    static final String ATTRIBUTE_PREFIX = "cloudEvents:";

    private static final String PROPERTIES = "tikmatrixAmqpProperties";

    private record Properties(String contentType, Map<String, String> attributes) {
    }

    /** Set by the kind while it prepares the event, read when camel-amqp has made the message. */
    static void set(Exchange exchange, String contentType, Map<String, String> attributes) {
        exchange.setProperty(PROPERTIES, new Properties(contentType, attributes));
    }

    @Override
    public void onMessageCreated(jakarta.jms.Message message, Session session, Exchange exchange, Throwable cause) {
        Properties properties = exchange.getProperty(PROPERTIES, Properties.class);
        if (properties == null) {
            return;
        }
        if (!(message instanceof JmsMessage qpid && qpid.getFacade() instanceof AmqpJmsMessageFacade amqp)) {
            throw new IllegalStateException("amqp: endpoints need the Qpid JMS client's connection factory, got a "
                    + message.getClass().getName());
        }
        amqp.setContentType(Symbol.valueOf(properties.contentType()));
        try {
            for (Map.Entry<String, String> attribute : properties.attributes().entrySet()) {
                amqp.setApplicationProperty(ATTRIBUTE_PREFIX + attribute.getKey(), attribute.getValue());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not set the CloudEvents properties of an AMQP message", e);
        }
    }
}
