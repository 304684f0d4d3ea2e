package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.CamelUris;
import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.util.Map;

/**
 * {@code amqp:queue:<address>} or {@code amqp:topic:<address>}: an AMQP 1.0 message per event, by the CloudEvents
 * AMQP binding, on the broker of {@code bridge.amqp.*}. Binary by default ({@code cloudEvents:*} application
 * properties, {@code content-type} {@code application/json}, the data as the body) or structured (the whole
 * document, {@code content-type} {@code application/cloudevents+json}). The body is always a {@code data}
 * section, raw bytes: an {@code amqp-value} string would reach a RabbitMQ 0-9-1 consumer still AMQP-encoded.
 * The task id is the message's group id, so a broker that offers groups hands one task's events to one consumer,
 * in order.
 */
final class AmqpEndpoint implements EndpointKind {

    private final EventMode mode;

    AmqpEndpoint(EventMode mode) {
        this.mode = mode;
    }

    private static final String QUEUE_PREFIX = "amqp:queue:";

    @Override
    public String deliveryUri(String uri) {
        // Camel drops the slashes after amqp:queue:, and RabbitMQ takes /queue/<name> but never answers for
        // queue/<name>; an address without the queue: prefix is a queue too, and keeps them
        String address = uri.startsWith(QUEUE_PREFIX + "/") ? "amqp:" + uri.substring(QUEUE_PREFIX.length()) : uri;
        // a BytesMessage is a data section; the strategy puts what a JMS property cannot hold in the AMQP message
        String bytes = CamelUris.withOption(address, "jmsMessageType", "Bytes");
        return CamelUris.withOption(bytes, "messageCreatedStrategy", "#class:" + AmqpMessageProperties.class.getName());
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(JmsEndpoint.GROUP, OrderingKey.of(row));
        if (mode == EventMode.BINARY) {
            CloudEvents.Binary event = CloudEvents.binary(message.getBody(byte[].class));
            message.setBody(event.data());
            AmqpMessageProperties.set(message.getExchange(), event.contentType(), event.attributes());
        } else {
            AmqpMessageProperties.set(message.getExchange(), CloudEvents.STRUCTURED_CONTENT_TYPE, Map.of());
        }
    }
}
