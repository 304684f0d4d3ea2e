package io.tikmatrix.bridge.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.BridgeProcess;
import io.tikmatrix.bridge.support.EmbeddedArtemis;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bridge killed while a message's descriptors are half submitted has not acknowledged it (Kafka: no offset
 * committed; JMS: the transaction is rolled back with the connection): the next start reads the message again, and
 * its keys make every line exactly one task. The simulator and the brokers live in this JVM and outlive the kill;
 * the bridge is a child JVM.
 */
class BusIntakeKillTest {

    private static final int LINES = 40;
    private static final String LINES_TEXT = IntStream.rangeClosed(1, LINES).mapToObj(n -> "{\"serials\": [\"emulator-5554\"],"
            + " \"script_name\": \"post\", \"script_config\": {\"content_type\": 0, \"captions\": \"line-" + n + "\","
            + " \"material_list\": [\"C:/Videos/v" + n + ".mp4\"]}}").collect(Collectors.joining("\n"));

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    @TempDir
    Path workingDir;

    private TikMatrixSimulator simulator;
    private BridgeProcess bridge;

    @AfterEach
    void stopEverything() throws Exception {
        // closed in reverse order, the bridge first (it calls the simulator to the end); one never made is skipped
        try (TikMatrixSimulator s = simulator; BridgeProcess b = bridge) {
            // nothing more to do: only the closing
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aKafkaRecordHalfSubmittedAtAKillIsReadAgainWithoutADuplicate() {
        KAFKA.createTopic("crash", 1);
        Path dataDir = startBridge("kafka:crash?brokers=" + KAFKA.bootstrapServers(), Map.of());
        KAFKA.send("crash", LINES_TEXT);
        killHalfWayAndRestart();
        assertEachLineOneTask(dataDir.resolve("receipts").resolve("kafka-crash@crash-0-0.jsonl.receipt.json"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aJmsMessageHalfSubmittedAtAKillIsReadAgainWithoutADuplicate() throws Exception {
        Path dataDir = startBridge("jms:queue:crash", Map.of("camel.component.jms.connection-factory",
                "#class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory('" + ARTEMIS.brokerUrl() + "')"));
        String messageId;
        try (Connection connection = ARTEMIS.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(LINES_TEXT);
            session.createProducer(session.createQueue("crash")).send(message);
            messageId = message.getJMSMessageID();
        }
        killHalfWayAndRestart();
        assertEachLineOneTask(dataDir.resolve("receipts")
                .resolve(("jms-queue-crash@" + messageId).replaceAll("[^A-Za-z0-9._@-]+", "-") + ".jsonl.receipt.json"));
    }

    private Path startBridge(String endpoint, Map<String, String> more) {
        simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);
        // slow calls, so the kill finds the message half submitted
        simulator.faults().failAlways("POST", "/task", Fault.delay(Duration.ofMillis(150)));
        Path dataDir = workingDir.resolve("data");
        Map<String, String> settings = new HashMap<>(Map.of(
                "tikmatrix.base-url", simulator.baseUrl(),
                "bridge.data-dir", dataDir.toString(),
                "bridge.intake.endpoints", endpoint,
                "bridge.api.concurrency", "2",
                "bridge.health.enabled", "false",
                "bridge.licence.check-interval", "200ms"));
        settings.putAll(more);
        bridge = new BridgeProcess(workingDir, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), settings);
        bridge.start();
        return dataDir;
    }

    private void killHalfWayAndRestart() {
        await("tasks before the kill").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            bridge.requireAlive();
            return simulator.tasks().size() >= 10;
        });
        bridge.kill();
        assertThat(simulator.tasks()).as("killed half way").hasSizeLessThan(LINES);
        simulator.faults().clear();
        bridge.start();
    }

    private void assertEachLineOneTask(Path receipt) {
        try {
            await("receipt of the message read again").atMost(Duration.ofSeconds(60)).until(() -> {
                bridge.requireAlive();
                return Files.exists(receipt);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the bridge log ends with:\n" + bridge.logTail(60), e);
        }
        JsonNode summary = BridgeHarness.read(receipt).path("summary");
        assertThat(summary.path("dead_lettered").asInt()).isZero();
        assertThat(summary.path("submitted").asInt() + summary.path("duplicate").asInt()).isEqualTo(LINES);
        assertThat(summary.path("duplicate").asInt()).as("lines done before the kill").isPositive();
        assertThat(simulator.tasks()).extracting(Task::scriptConfig).extracting(config -> config.path("captions").asText())
                .as("each line exactly one task").doesNotHaveDuplicates().hasSize(LINES);
    }
}
