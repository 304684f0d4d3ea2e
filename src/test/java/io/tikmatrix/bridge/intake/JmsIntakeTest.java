package io.tikmatrix.bridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedArtemis;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Enumeration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JMS message holding a JSON array takes the inbox's way: one task per element, keyed by the message id and the
 * element's index unless it has an id of its own, one receipt for the message, and the message leaves the queue.
 */
class JmsIntakeTest {

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aMessageOfAnArrayBecomesOneTaskPerElementAndOneReceipt() throws Exception {
        bridge.with("bridge.intake.endpoints", "jms:queue:descriptors")
                .with("camel.component.jms.connection-factory",
                        "#class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory('" + ARTEMIS.brokerUrl() + "')")
                .start();

        String messageId = send("""
                [{"serials": ["s1"], "script_name": "account_warmup", "script_config": {}},
                 {"id": "order-12", "serials": ["s2"], "script_name": "account_warmup", "script_config": {}}]
                """);

        String origin = "jms-queue-descriptors@" + messageId;
        JsonNode receipt = bridge.awaitReceipt(origin.replaceAll("[^A-Za-z0-9._@-]+", "-") + ".json");
        assertThat(receipt.path("descriptors")).extracting(line -> line.path("key").asText() + " " + line.path("outcome").asText())
                .containsExactly(origin + "#0 submitted", "order-12 submitted");
        assertThat(bridge.tasks()).extracting(task -> task.serial()).containsExactlyInAnyOrder("s1", "s2");
        await().atMost(Duration.ofSeconds(20)).until(() -> queueDepth() == 0);
    }

    private static String send(String text) throws Exception {
        try (Connection connection = ARTEMIS.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("descriptors"));
            TextMessage message = session.createTextMessage(text);
            producer.send(message);
            return message.getJMSMessageID();
        }
    }

    private static int queueDepth() throws Exception {
        try (Connection connection = ARTEMIS.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue("descriptors"))) {
                int depth = 0;
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                    depth++;
                }
                return depth;
            }
        }
    }
}
