package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.CamelUris;
import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;

/**
 * {@code jms:queue:<name>} or {@code jms:topic:<name>}: the event in structured mode (JMS has no CloudEvents
 * binding, so the whole document is what any consumer can read) as a text message in the task's message
 * group, so a broker hands one task's events to one consumer, in order. The connection factory is the jms
 * component's ({@code camel.component.jms.connection-factory} in {@code config/application.properties}).
 */
final class JmsEndpoint implements EndpointKind {

    static final String GROUP = "JMSXGroupID";

    @Override
    public String deliveryUri(String uri) {
        return CamelUris.withOption(uri, "jmsMessageType", "Text");
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(GROUP, OrderingKey.of(row));
        message.setBody(new String(message.getBody(byte[].class), StandardCharsets.UTF_8));
    }
}
