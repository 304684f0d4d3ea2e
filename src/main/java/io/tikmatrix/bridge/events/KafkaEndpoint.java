package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;

/**
 * {@code kafka:<topic>}: a record by the CloudEvents Kafka binding, binary (the default: {@code ce_*} headers,
 * {@code content-type}, the data as the value, which is what the SDKs' Kafka deserializers and most
 * stream processors read) or structured (the whole document, {@code content-type}
 * {@code application/cloudevents+json}). Either way the task id is the record key, so all events of one task
 * land on one partition and a consumer reads them in order. Brokers come from the URI
 * ({@code ?brokers=host:9092}) or, for a list, from {@code camel.component.kafka.brokers} in
 * {@code config/application.properties}.
 */
final class KafkaEndpoint implements EndpointKind {

    /** camel-kafka's record key header (KafkaConstants.KEY). */
    static final String KEY = "kafka.KEY";
    static final String ATTRIBUTE_PREFIX = "ce_";
    static final String CONTENT_TYPE = "content-type";

    private final EventMode mode;

    KafkaEndpoint(EventMode mode) {
        this.mode = mode;
    }

    @Override
    public String deliveryUri(String uri) {
        return uri;
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(KEY, OrderingKey.of(row));
        byte[] value = message.getBody(byte[].class);
        if (mode == EventMode.BINARY) {
            CloudEvents.Binary event = CloudEvents.binary(value);
            // camel-kafka writes a String header as its UTF-8 bytes, as the binding asks
            event.attributes().forEach((name, attribute) -> message.setHeader(ATTRIBUTE_PREFIX + name, attribute));
            message.setHeader(CONTENT_TYPE, event.contentType());
            value = event.data();
        } else {
            message.setHeader(CONTENT_TYPE, CloudEvents.STRUCTURED_CONTENT_TYPE);
        }
        message.setBody(new String(value, StandardCharsets.UTF_8));
    }
}
