package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestRabbitMq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An amqp: endpoint on a real RabbitMQ (its AMQP 1.0 plugin), read by a plain AMQP 0-9-1 consumer, as most
 * RabbitMQ users read: each message body is the JSON itself, the data in binary mode (the default) and the whole
 * event in structured mode, whether the address is a bare queue name or /queue/&lt;name&gt;; each task's events
 * arrive in order.
 */
class RabbitMqEventsTest {

    private final String bare = "tikmatrix-events-" + UUID.randomUUID();
    private final String prefixed = "tikmatrix-events-" + UUID.randomUUID();
    private final Connection rabbit = TestRabbitMq.connect();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @AfterEach
    void deleteQueues() throws Exception {
        try (Channel channel = rabbit.createChannel()) {
            channel.queueDelete(bare);
            channel.queueDelete(prefixed);
        } finally {
            rabbit.close();
        }
    }

    @Test
    void aPlainConsumerReadsJsonInOrderFromABareAndAPrefixedAddress() throws Exception {
        try (Channel channel = rabbit.createChannel()) {
            // the plugin declares the queue a bare or /queue/ address names, as not durable; declared so here too, the
            // consumer may look before the bridge's first send
            channel.queueDeclare(bare, false, false, false, null);
            channel.queueDeclare(prefixed, false, false, false, null);
        }
        bridge.with("bridge.events.endpoints", "amqp:queue:" + bare + ",amqp:queue:/queue/" + prefixed + "?mode=structured")
                .with("bridge.amqp.url", TestRabbitMq.amqpUrl())
                .with("bridge.amqp.username", "guest")
                .with("bridge.amqp.password", "guest")
                .start();
        bridge.drop("follow.json", """
                {"serials": ["emulator-5554"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}""");
        bridge.awaitReceipt("follow.json");

        Map<Long, List<Integer>> data = new LinkedHashMap<>();
        Map<Long, List<Integer>> events = new LinkedHashMap<>();
        try (Channel channel = rabbit.createChannel()) {
            read(channel, bare, data, 2, json -> json);
            read(channel, prefixed, events, 2, json -> json.path("data"));
            clock.advance(Duration.ofSeconds(2));
            read(channel, bare, data, 4, json -> json);
            read(channel, prefixed, events, 4, json -> json.path("data"));
            clock.advance(Duration.ofSeconds(3));
            read(channel, bare, data, 6, json -> json);
            read(channel, prefixed, events, 6, json -> json.path("data"));
        }

        assertThat(data).hasSize(2).isEqualTo(events);
        data.forEach((taskId, statuses) -> assertThat(statuses).as("task " + taskId).containsExactly(0, 1, 2));
    }

    private static void read(Channel channel, String queue, Map<Long, List<Integer>> statusesByTask, int total,
                             java.util.function.UnaryOperator<JsonNode> dataOf) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            GetResponse message = channel.basicGet(queue, true);
            if (message != null) {
                // the body parses as JSON as it is: no AMQP encoding around it
                JsonNode json = BridgeHarness.JSON.readTree(message.getBody());
                JsonNode data = dataOf.apply(json);
                statusesByTask.computeIfAbsent(data.path("task_id").asLong(), k -> new ArrayList<>()).add(data.path("status").asInt());
            }
            return statusesByTask.values().stream().mapToInt(List::size).sum() >= total;
        });
        assertThat(statusesByTask.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
    }
}
