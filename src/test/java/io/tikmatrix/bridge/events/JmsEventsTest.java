package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedArtemis;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A jms: endpoint gets every status event as a text message in its task's message group, a structured
 * CloudEvent that the official SDK's JSON format reads (JMS has no binding of its own); the connection
 * factory is configured the way an operator would, with a camel.component.jms property.
 */
class JmsEventsTest {

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @Test
    void eachTasksEventsArriveInItsMessageGroupAndInOrder() throws Exception {
        bridge.with("bridge.events.endpoints", "jms:queue:tikmatrix-events")
                .with("camel.component.jms.connection-factory",
                        "#class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory('" + ARTEMIS.brokerUrl() + "')")
                .start();

        bridge.drop("comment.json", "{\"usernames\": [\"@asha\"], \"script_name\": \"comment\", \"script_config\":"
                + " {\"target_post_urls\": [\"https://vm.tiktok.com/a/\", \"https://vm.tiktok.com/b/\"], \"comment_content\": \"शानदार 🔥\"}}");
        bridge.awaitReceipt("comment.json");
        Map<String, List<Integer>> statusesByGroup = new LinkedHashMap<>();
        try (Connection connection = ARTEMIS.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("tikmatrix-events"));
            receive(consumer, statusesByGroup, 2);
            clock.advance(Duration.ofSeconds(2));
            receive(consumer, statusesByGroup, 4);
            clock.advance(Duration.ofSeconds(3));
            receive(consumer, statusesByGroup, 6);
        }

        assertThat(statusesByGroup).hasSize(2);
        statusesByGroup.forEach((taskId, statuses) -> assertThat(statuses).as("task " + taskId).containsExactly(0, 1, 2));
    }

    private static void receive(MessageConsumer consumer, Map<String, List<Integer>> statusesByGroup, int total) throws Exception {
        while (statusesByGroup.values().stream().mapToInt(List::size).sum() < total) {
            TextMessage message = (TextMessage) consumer.receive(Duration.ofSeconds(30).toMillis());
            assertThat(message).as("an event within 30 s").isNotNull();
            CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                    .deserialize(message.getText().getBytes(StandardCharsets.UTF_8));
            JsonNode data = BridgeHarness.JSON.readTree(event.getData().toBytes());
            assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo(event.getSubject());
            assertThat(data.path("script_name").asText()).isEqualTo("comment");
            assertThat(data.path("username").asText()).as("known from the first event on: one account for all").isEqualTo("@asha");
            statusesByGroup.computeIfAbsent(event.getSubject(), k -> new ArrayList<>()).add(data.path("status").asInt());
        }
    }
}
