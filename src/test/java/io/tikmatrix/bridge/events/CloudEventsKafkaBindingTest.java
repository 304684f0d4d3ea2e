package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka records follow the CloudEvents Kafka binding, read back by the official Java SDK's deserializer: binary
 * by default ({@code ce_*} headers, {@code content-type}, the data as the value), structured with
 * {@code ?mode=structured}; the task id is the key either way.
 */
class CloudEventsKafkaBindingTest {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void theSdkReadsTheSameEventInEitherMode() throws Exception {
        KAFKA.createTopic("events-binary", 1);
        KAFKA.createTopic("events-structured", 1);
        String brokers = "brokers=" + KAFKA.bootstrapServers();
        bridge.with("bridge.events.endpoints", "kafka:events-binary?" + brokers + ",kafka:events-structured?mode=structured&" + brokers)
                .start();
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        long taskId = bridge.awaitReceipt("warmup.json").path("descriptors").get(0).path("task_ids").get(0).asLong();

        ConsumerRecord<String, byte[]> binary = firstRecord("events-binary");
        ConsumerRecord<String, byte[]> structured = firstRecord("events-structured");

        assertThat(binary.key()).isEqualTo(Long.toString(taskId));
        assertThat(structured.key()).isEqualTo(Long.toString(taskId));
        assertThat(headers(binary)).containsEntry("content-type", "application/json")
                .containsEntry("ce_specversion", "1.0").containsEntry("ce_id", taskId + "-0")
                .containsEntry("ce_subject", Long.toString(taskId)).containsEntry("ce_type", "tikmatrix.task.status.changed");
        assertThat(headers(structured)).containsExactly(Map.entry("content-type", "application/cloudevents+json; charset=utf-8"));
        assertThat(KafkaMessageFactory.createReader(binary).getEncoding()).isEqualTo(Encoding.BINARY);
        assertThat(KafkaMessageFactory.createReader(structured).getEncoding()).isEqualTo(Encoding.STRUCTURED);

        CloudEvent fromBinary = deserialize(binary);
        CloudEvent fromStructured = deserialize(structured);
        for (CloudEvent event : List.of(fromBinary, fromStructured)) {
            assertThat(event.getId()).isEqualTo(taskId + "-0");
            assertThat(event.getSource()).isEqualTo(URI.create("tikmatrix-bridge"));
            assertThat(event.getSubject()).isEqualTo(Long.toString(taskId));
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            JsonNode data = BridgeHarness.JSON.readTree(event.getData().toBytes());
            assertThat(data.path("task_id").asLong()).isEqualTo(taskId);
            assertThat(data.path("status_text").asText()).isEqualTo("pending");
        }
        assertThat(fromBinary.getTime()).isEqualTo(fromStructured.getTime());
        assertThat(BridgeHarness.JSON.readTree(binary.value()))
                .as("the binary value is the data itself").isEqualTo(BridgeHarness.JSON.readTree(structured.value()).path("data"));
    }

    private static CloudEvent deserialize(ConsumerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The raw record, so the test sees its headers as they are as well as what the SDK makes of them. */
    private static ConsumerRecord<String, byte[]> firstRecord(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "binding-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).as("a record on " + topic + " within 30 s").isNotEmpty();
            return records.get(0);
        }
    }
}
