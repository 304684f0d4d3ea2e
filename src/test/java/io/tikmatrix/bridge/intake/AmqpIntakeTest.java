package io.tikmatrix.bridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedArtemis;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** An amqp: queue on Artemis's AMQP 1.0 acceptor: a message of one descriptor becomes a task and a receipt. */
class AmqpIntakeTest {

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aMessageOfOneDescriptorBecomesATask() throws Exception {
        bridge.with("bridge.intake.endpoints", "amqp:queue:descriptors").with("bridge.amqp.url", ARTEMIS.amqpUrl()).start();

        String messageId;
        try (Connection connection = new JmsConnectionFactory(ARTEMIS.amqpUrl()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("descriptors"));
            TextMessage message = session.createTextMessage(
                    "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");
            producer.send(message);
            messageId = message.getJMSMessageID();
        }

        String origin = "amqp-queue-descriptors@" + messageId;
        JsonNode receipt = bridge.awaitReceipt(origin.replaceAll("[^A-Za-z0-9._@-]+", "-") + ".json");
        assertThat(receipt.path("descriptors").get(0).path("key").asText()).isEqualTo(origin + "#0");
        assertThat(receipt.path("descriptors").get(0).path("outcome").asText()).isEqualTo("submitted");
        assertThat(bridge.tasks()).hasSize(1);
    }
}
