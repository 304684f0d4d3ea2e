package io.tikmatrix.bridge.intake;

import io.tikmatrix.bridge.descriptor.InboxFileKind;
import io.tikmatrix.bridge.inbox.InboxFiles;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.SynchronizationAdapter;

import java.io.IOException;

/**
 * The first step of an intake route: a message's body is taken as an inbox file would be (see
 * {@link InboxFiles#takeMessage}), named and keyed by its endpoint and message id, so a message the broker
 * delivers again has the keys it had and its descriptors already done read as duplicates.
 */
public class BusIntake {

    private final InboxFiles inboxFiles;

    public BusIntake(InboxFiles inboxFiles) {
        this.inboxFiles = inboxFiles;
    }

    /** @param endpointName the intake endpoint's {@link IntakeEndpoint#name} */
    public void take(Exchange exchange, String endpointName) throws IOException {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        byte[] bytes = body == null ? new byte[0] : body;
        String origin = endpointName + "@" + messageId(message);
        String name = origin.replaceAll("[^A-Za-z0-9._@-]+", "-") + InboxFileKind.ofMessage(bytes).extension();
        inboxFiles.takeMessage(exchange, name, bytes, origin);
        KafkaManualCommit offset = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (offset != null) {
            // a message is done once each descriptor has an outcome, or once it was set aside whole; a message that
            // failed is not committed, and the consumer seeks back to it (breakOnFirstError)
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    offset.commit();
                }
            });
        }
    }

    /** Kafka's record by topic, partition and offset; a JMS or AMQP message by its id; anything else by Camel's. */
    private static String messageId(Message message) {
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        if (topic != null) {
            return topic + "-" + message.getHeader(KafkaConstants.PARTITION) + "-" + message.getHeader(KafkaConstants.OFFSET);
        }
        String jms = message.getHeader("JMSMessageID", String.class);
        return jms != null ? jms : message.getMessageId();
    }
}
