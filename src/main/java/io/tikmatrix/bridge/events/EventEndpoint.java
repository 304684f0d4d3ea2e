package io.tikmatrix.bridge.events;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code bridge.events.endpoints}.
 *
 * @param name          a safe form of the URI (scheme, host and path, e.g. {@code http-127.0.0.1-8080-hook});
 *                      it names the endpoint's outbox rows, delivery route and dead-letter folder
 * @param deadLetterUri {@code file:<bridge.dead-letter.dir>/events/<name>}: events this endpoint refused
 *                      or never took within the retry budget
 */
public record EventEndpoint(String uri, String name, EndpointKind kind, String deadLetterUri) {

    /**
     * The entries of {@code bridge.events.endpoints}; two that would share a name (and a dead-letter folder)
     * stop the start.
     *
     * @param uris comma-separated Camel URIs
     */
    public static List<EventEndpoint> list(String uris, Path deadLetterDir, WebhookSignature signature) {
        List<EventEndpoint> endpoints = Arrays.stream(uris.split(","))
                .map(String::trim)
                .filter(uri -> !uri.isEmpty())
                .map(uri -> of(uri, deadLetterDir, signature))
                .toList();
        long names = endpoints.stream().map(EventEndpoint::name).distinct().count();
        if (names != endpoints.size()) {
            throw new IllegalArgumentException("bridge.events.endpoints: two endpoints differ only in options: " + endpoints);
        }
        return endpoints;
    }

    static EventEndpoint of(String uri, Path deadLetterDir, WebhookSignature signature) {
        String name = nameOf(uri);
        return new EventEndpoint(uri, name, EndpointKind.forUri(uri, signature),
                "file:" + deadLetterDir.resolve("events").resolve(name));
    }

    /** A safe, stable form of a Camel URI without its options, fit for a folder or file name. */
    public static String nameOf(String uri) {
        String withoutOptions = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String safe = withoutOptions.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^-+|-+$", "");
        return safe.length() <= 120 ? safe : safe.substring(0, 120);
    }

    /** The URI Camel sends to: the configured one without the bridge's own {@code mode}, plus the kind's options. */
    public String deliveryUri() {
        return kind.deliveryUri(EventMode.withoutOption(uri));
    }

    public String routeId() {
        return "event-delivery-" + name;
    }

    /** Where a delivery round starts ({@link DeliveryRounds}): the delivery route's own {@code direct:} endpoint. */
    String roundUri() {
        return "direct:" + routeId();
    }
}
