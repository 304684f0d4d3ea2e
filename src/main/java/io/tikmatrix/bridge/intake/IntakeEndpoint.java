package io.tikmatrix.bridge.intake;

import io.tikmatrix.bridge.config.CamelUris;
import io.tikmatrix.bridge.events.EndpointKind;
import io.tikmatrix.bridge.events.EventEndpoint;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of {@code bridge.intake.endpoints}.
 *
 * @param name a safe form of the URI (as event endpoints are named); it names the intake route, and starts the
 *             positional keys and receipt names of its messages
 */
public record IntakeEndpoint(String uri, String name) {

    static final String KAFKA_GROUP = "tikmatrix-bridge";

    /**
     * The entries of {@code bridge.intake.endpoints}; two that would share a name (and so keys) stop the start.
     *
     * @param uris comma-separated Camel URIs
     */
    public static List<IntakeEndpoint> list(String uris) {
        List<IntakeEndpoint> endpoints = Arrays.stream(uris.split(","))
                .map(String::trim)
                .filter(uri -> !uri.isEmpty())
                .map(uri -> new IntakeEndpoint(uri, EventEndpoint.nameOf(uri)))
                .toList();
        if (endpoints.stream().map(IntakeEndpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("bridge.intake.endpoints: two endpoints differ only in options: " + endpoints);
        }
        return endpoints;
    }

    /**
     * The URI consumed from: the configured one plus the options that make the broker redeliver a message whose
     * descriptors did not all get an outcome (an operator's own setting of an option wins). Kafka commits an offset
     * only when told to ({@link BusIntake}), and after a failed message seeks back to it instead of reading on;
     * JMS and AMQP read in a local transaction, committed when the route completes and rolled back when it fails.
     */
    public String consumeUri() {
        return switch (EndpointKind.scheme(uri)) {
            case "kafka" -> {
                String kafka = CamelUris.withOption(uri, "groupId", KAFKA_GROUP);
                // descriptors published before the bridge first joined its group are work to do, not history
                kafka = CamelUris.withOption(kafka, "autoOffsetReset", "earliest");
                kafka = CamelUris.withOption(kafka, "autoCommitEnable", "false");
                kafka = CamelUris.withOption(kafka, "allowManualCommit", "true");
                // the commit is made on the consumer's own thread: the route may end on a submit thread
                kafka = CamelUris.withOption(kafka, "kafkaManualCommitFactory",
                        "#class:org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory");
                yield CamelUris.withOption(kafka, "breakOnFirstError", "true");
            }
            case "jms", "amqp" -> CamelUris.withOption(uri, "transacted", "true");
            default -> uri;
        };
    }

    public String routeId() {
        return "intake-" + name;
    }
}
