package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kafka: endpoint gets every status event, keyed by task id, so each task's events keep their order on one
 * partition; a consumer reads them with the CloudEvents SDK's deserializer.
 */
class KafkaEventsTest {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @Test
    void eachTasksEventsArriveKeyedAndInOrder() throws Exception {
        KAFKA.createTopic("tikmatrix-events", 3);
        bridge.with("bridge.events.endpoints", "kafka:tikmatrix-events?brokers=" + KAFKA.bootstrapServers())
                .start();

        bridge.drop("follow.json", "{\"serials\": [\"emulator-5554\"], \"script_name\": \"follow\","
                + " \"script_config\": {\"target_users\": [\"@a\", \"@b\", \"@c\"]}}");
        bridge.awaitReceipt("follow.json");
        Map<String, List<Integer>> statusesByKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, CloudEvent> consumer = consumer()) {
            consumer.subscribe(List.of("tikmatrix-events"));
            poll(consumer, statusesByKey, 3);
            clock.advance(Duration.ofSeconds(2));
            poll(consumer, statusesByKey, 6);
            clock.advance(Duration.ofSeconds(3));
            poll(consumer, statusesByKey, 9);
        }

        assertThat(statusesByKey).hasSize(3);
        statusesByKey.forEach((taskId, statuses) -> assertThat(statuses).as("task " + taskId).containsExactly(0, 1, 2));
    }

    private static void poll(KafkaConsumer<String, CloudEvent> consumer, Map<String, List<Integer>> statusesByKey, int total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (statusesByKey.values().stream().mapToInt(List::size).sum() < total && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                CloudEvent event = record.value();
                assertThat(record.key()).isEqualTo(event.getSubject());
                JsonNode data = BridgeHarness.JSON.readTree(event.getData().toBytes());
                statusesByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(data.path("status").asInt());
            }
        }
        assertThat(statusesByKey.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
    }

    private static KafkaConsumer<String, CloudEvent> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bus-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
