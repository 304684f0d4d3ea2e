package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.util.Locale;

/**
 * What differs between kinds of event endpoint, chosen by the URI's scheme: the options the send needs,
 * the headers each event carries, and how an answer is judged. Everything else (outbox, order, retry,
 * dead letters) is the same for all kinds.
 *
 * <p>To add a kind, implement this and add its scheme to {@link #forUri}.
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

    static EndpointKind forUri(String uri, WebhookSignature signature) {
        String scheme = scheme(uri);
        return switch (scheme) {
            case "file" -> new FileEndpoint();
            case "http", "https" -> new WebhookEndpoint(signature);
            case "kafka" -> new KafkaEndpoint();
            case "jms" -> new JmsEndpoint();
            default -> new PlainEndpoint();
        };
    }

    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("'" + uri + "' is not a Camel URI (scheme:…)");
        }
        return uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** Adds {@code name=value} unless the operator already set that option. */
    static String withOption(String uri, String name, String value) {
        int query = uri.indexOf('?');
        if (query >= 0 && ("&" + uri.substring(query + 1)).contains("&" + name + "=")) {
            return uri;
        }
        return uri + (query >= 0 ? "&" : "?") + name + "=" + value;
    }
}
