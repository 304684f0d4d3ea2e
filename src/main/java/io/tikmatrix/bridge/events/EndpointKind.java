package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.util.Locale;

/**
 * What differs between kinds of event endpoint, chosen by the URI's scheme: the options the send needs,
 * the headers each event carries, and how an answer is judged. Everything else (outbox, order, retry,
 * dead letters) is the same for all kinds.
 *
 * <p>To add a kind, implement this and add its scheme, with its CloudEvents mode, to {@link #forUri}.
 */
public interface EndpointKind {

    enum Outcome { DELIVERED, RETRY, REJECTED }

    /** The URI the delivery route sends to: the configured one plus options this kind needs. */
    String deliveryUri(String uri);

    /** Sets the kind's headers; the body already holds the event's bytes and no other header is set. */
    void prepare(Message message, OutboxRow row);

    /** Judges a send that threw nothing; by default that is a delivery. */
    default Outcome outcome(Message answer) {
        return Outcome.DELIVERED;
    }

    /**
     * The one list of transports: each scheme's kind and its CloudEvents mode, the one its consumers expect
     * unless the URI's {@code ?mode=} says otherwise.
     */
    static EndpointKind forUri(String uri, WebhookSignature signature) {
        String scheme = scheme(uri);
        return switch (scheme) {
            case "http", "https" -> new WebhookEndpoint(EventMode.orDefault(uri, EventMode.STRUCTURED), signature);
            case "kafka" -> new KafkaEndpoint(EventMode.orDefault(uri, EventMode.BINARY));
            case "amqp" -> new AmqpEndpoint(EventMode.orDefault(uri, EventMode.BINARY));
            case "jms" -> {
                EventMode.requireOnly(uri, EventMode.STRUCTURED, "JMS has no CloudEvents binding; events go structured");
                yield new JmsEndpoint();
            }
            case "file" -> {
                EventMode.requireOnly(uri, EventMode.STRUCTURED, "a file holds the whole event");
                yield new FileEndpoint();
            }
            default -> {
                EventMode.requireOnly(uri, EventMode.STRUCTURED, scheme + ": has no CloudEvents binding; events go structured");
                yield new PlainEndpoint();
            }
        };
    }

    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("'" + uri + "' is not a Camel URI (scheme:…)");
        }
        return uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
