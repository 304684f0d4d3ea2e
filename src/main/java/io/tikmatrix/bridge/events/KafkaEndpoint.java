package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;

/**
 * {@code kafka:<topic>}: the task id is the record key, so all events of one task land on one partition
 * and a consumer reads them in order. Brokers come from the URI ({@code ?brokers=host:9092}) or, for a
 * list, from {@code camel.component.kafka.brokers} in {@code config/application.properties}.
 */
final class KafkaEndpoint implements EndpointKind {

    /** camel-kafka's record key header (KafkaConstants.KEY). */
    static final String KEY = "kafka.KEY";

    @Override
    public String deliveryUri(String uri) {
        return uri;
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(KEY, OrderingKey.of(row));
        message.setBody(new String(message.getBody(byte[].class), StandardCharsets.UTF_8));
    }
}
