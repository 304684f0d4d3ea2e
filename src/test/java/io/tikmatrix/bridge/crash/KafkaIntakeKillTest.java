package io.tikmatrix.bridge.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.BridgeProcess;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bridge killed while a Kafka record's descriptors are half submitted has not committed the record's offset: the
 * next start reads the record again, and its keys make every line exactly one task. The simulator and Kafka live in
 * this JVM and outlive the kill; the bridge is a child JVM.
 */
class KafkaIntakeKillTest {

    private static final int LINES = 40;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path workingDir;

    private TikMatrixSimulator simulator;
    private BridgeProcess bridge;

    @AfterEach
    void stopEverything() {
        try {
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRecordHalfSubmittedAtAKillIsReadAgainWithoutADuplicate() throws Exception {
        simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);
        // slow calls, so the kill finds the record half submitted
        simulator.faults().failAlways("POST", "/task", Fault.delay(Duration.ofMillis(150)));
        KAFKA.createTopic("crash", 1);
        Path dataDir = workingDir.resolve("data");
        bridge = new BridgeProcess(workingDir, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Map.of(
                "tikmatrix.base-url", simulator.baseUrl(),
                "bridge.data-dir", dataDir.toString(),
                "bridge.intake.endpoints", "kafka:crash?brokers=" + KAFKA.bootstrapServers(),
                "bridge.api.concurrency", "2",
                "bridge.health.enabled", "false",
                "bridge.licence.check-interval", "200ms"));
        bridge.start();
        send("crash", IntStream.rangeClosed(1, LINES).mapToObj(n -> "{\"serials\": [\"emulator-5554\"], \"script_name\": \"post\","
                + " \"script_config\": {\"content_type\": 0, \"captions\": \"line-" + n + "\", \"material_list\": [\"C:/Videos/v"
                + n + ".mp4\"]}}").collect(Collectors.joining("\n")));

        await("tasks before the kill").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            bridge.requireAlive();
            return simulator.tasks().size() >= 10;
        });
        bridge.kill();
        assertThat(simulator.tasks()).as("killed half way").hasSizeLessThan(LINES);
        simulator.faults().clear();
        bridge.start();

        Path receipt = dataDir.resolve("receipts").resolve("kafka-crash@crash-0-0.jsonl.receipt.json");
        await("receipt of the record read again").atMost(Duration.ofSeconds(60)).until(() -> {
            bridge.requireAlive();
            return Files.exists(receipt);
        });
        JsonNode summary = BridgeHarness.read(receipt).path("summary");
        assertThat(summary.path("dead_lettered").asInt()).isZero();
        assertThat(summary.path("submitted").asInt() + summary.path("duplicate").asInt()).isEqualTo(LINES);
        assertThat(summary.path("duplicate").asInt()).as("lines done before the kill").isPositive();
        assertThat(simulator.tasks()).extracting(Task::scriptConfig).extracting(config -> config.path("captions").asText())
                .as("each line exactly one task").doesNotHaveDuplicates().hasSize(LINES);
    }

    private static void send(String topic, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }
}
