package io.tikmatrix.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tikmatrix.bridge.Bridge;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real bridge (the YAML routes of {@code routes/}, an H2 file store) against the embedded simulator
 * on loopback, with short delays so a test sees retries and polls in a second or two.
 */
public final class BridgeHarness implements AfterEachCallback, AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Map<String, String> settings = new HashMap<>();
    private final TikMatrixSimulator simulator;
    private Bridge bridge;

    /**
     * For {@code @RegisterExtension}: a data folder of its own, and bridge, simulator and folder gone after
     * each test. Configure with {@link #with} and start with {@link #start} in the test.
     */
    public BridgeHarness() {
        this(SimulatorSettings.defaults());
    }

    public BridgeHarness(SimulatorSettings simulatorSettings) {
        this(newDataDir(), simulatorSettings, true);
    }

    public BridgeHarness(Path dataDir) {
        this(dataDir, SimulatorSettings.defaults(), false);
    }

    private BridgeHarness(Path dataDir, SimulatorSettings simulatorSettings, boolean ownsDataDir) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.simulator = new TikMatrixSimulator(simulatorSettings).start(0);
        settings.put("tikmatrix.base-url", simulator.baseUrl());
        settings.put("bridge.data-dir", dataDir.toString());
        settings.put("bridge.inbox.poll-interval", "100ms");
        settings.put("bridge.inbox.stable-for", "100ms");
        settings.put("bridge.retry.max-attempts", "4");
        settings.put("bridge.retry.initial-delay", "50ms");
        settings.put("bridge.retry.max-delay", "200ms");
        settings.put("bridge.licence.check-interval", "200ms");
        settings.put("bridge.health.enabled", "false");
        settings.put("tikmatrix.response-timeout", "2s");
        settings.put("bridge.status.poll-interval", "100ms");
        settings.put("bridge.events.delivery-interval", "50ms");
        settings.put("bridge.events.retry.initial-delay", "50ms");
        settings.put("bridge.events.retry.max-delay", "200ms");
    }

    /**
     * Writes the schedules file the bridge reads (and reloads), beside its data folder; the first call
     * points bridge.schedules.file at it.
     */
    public Path schedules(String yaml) {
        Path file = dataDir.resolve("schedules.yaml");
        settings.put("bridge.schedules.file", file.toString());
        try {
            Path staging = Files.createDirectories(dataDir.resolve("staging")).resolve("schedules.yaml");
            Files.writeString(staging, yaml);
            return Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The descriptor keys starting with {@code prefix} that the submission journal records as submitted,
     * in order: each one's task exists in the simulator.
     */
    public List<String> submittedKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        queryStore("SELECT descriptor_key FROM bridge_submission WHERE descriptor_key LIKE ? AND state = 'SUBMITTED'"
                + " ORDER BY descriptor_key", rs -> keys.add(rs.getString(1)), prefix + "%");
        return keys;
    }

    /** The status the store last recorded for each task the bridge tracks, by task id: what its polls have seen. */
    public Map<Long, Integer> storedTaskStatuses() {
        Map<Long, Integer> statuses = new TreeMap<>();
        queryStore("SELECT task_id, status FROM bridge_task", rs -> statuses.put(rs.getLong(1), rs.getInt(2)));
        return statuses;
    }

    private void queryStore(String sql, RowHandler eachRow, Object... params) {
        try (Connection c = DriverManager.getConnection(TestDatabases.h2(dataDir)); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    eachRow.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    public BridgeHarness with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public BridgeHarness start() {
        try {
            bridge = Bridge.start(Path.of("").toAbsolutePath(), settings);
        } catch (Exception e) {
            throw new IllegalStateException("bridge did not start", e);
        }
        return this;
    }

    /** Stops the bridge and starts a new one on the same data folder and store, as a restart would. */
    public BridgeHarness restart() {
        stop();
        return start();
    }

    /** Stops the bridge, leaving its data folder and store for a later {@link #start()}; the simulator runs on. */
    public void stop() {
        bridge.close();
        bridge = null;
    }

    public TikMatrixSimulator simulator() {
        return simulator;
    }

    public Bridge bridge() {
        return bridge;
    }

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory("tikmatrix-bridge-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path dir(String name) {
        return dataDir.resolve(name);
    }

    /** Writes beside the inbox and moves in whole, as a careful producer would. */
    public Path drop(String name, String content) {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path drop(String name, byte[] content) {
        try {
            Path staging = Files.createDirectories(dataDir.resolve("staging")).resolve(name);
            Files.write(staging, content);
            Path target = Files.createDirectories(dir("inbox")).resolve(name);
            // a careful producer never replaces a file of the same name the bridge has not finished with
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(target));
            return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode awaitReceipt(String name) {
        Path receipt = dir("receipts").resolve(name + ".receipt.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(receipt));
        return read(receipt);
    }

    public List<JsonNode> deadLetters(String key) {
        Path folder = dir("deadletter").resolve(key);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<JsonNode> records = new ArrayList<>();
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> records.add(read(p)));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<JsonNode> awaitDeadLetters(String key, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(key).size() >= count);
        return deadLetters(key);
    }

    /** The events the default file endpoint wrote, by event id. */
    public Map<String, JsonNode> events() {
        Path folder = dir("events");
        Map<String, JsonNode> events = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return events;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .forEach(p -> events.put(p.getFileName().toString().replaceFirst("\\.json$", ""), read(p)));
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode awaitEvent(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events().containsKey(id));
        return events().get(id);
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            simulator.close();
            if (ownsDataDir) {
                TempDirs.delete(dataDir);
            }
        }
    }
}
