package io.tikmatrix.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tikmatrix.bridge.Bridge;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real bridge (the YAML routes of {@code routes/}, an H2 file store) against the embedded simulator
 * on loopback, with short delays so a test sees retries and polls in a second or two.
 *
 * <p>As an instance {@code @RegisterExtension} field each test method gets a bridge, simulator and data folder
 * of its own. As a {@code static} one the whole class shares them, since starting a bridge costs seconds: the
 * class starts it in its {@code @BeforeAll}, and each test drops files of its own names and uses keys of its own.
 * Before each test the simulator's faults and request counters are cleared, and {@link #tasks()} and
 * {@link #deadLetters} show only what was made since the test began, so a test asserts exactly what it
 * did and never sees an earlier test's work.
 */
public final class BridgeHarness implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_START_ATTEMPTS = 5;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Map<String, String> settings = new HashMap<>();
    private final TikMatrixSimulator simulator;
    private Bridge bridge;
    /** Set by {@link #beforeAll}, which JUnit calls only for a static field: the class shares this bridge. */
    private boolean sharedByTheClass;
    /** What existed when the current test began; empty for a bridge of the test's own. */
    private Set<Long> earlierTasks = Set.of();
    private Set<Path> earlierDeadLetters = Set.of();

    /**
     * For {@code @RegisterExtension}: a data folder of its own, and bridge, simulator and folder gone after
     * each test (or, on a static field, after the class). Configure with {@link #with} and start with
     * {@link #start} in the test (or in the class's {@code @BeforeAll}).
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
        // drop() moves a whole file in at once: the inbox need not wait long to see it or to trust that it holds still
        settings.put("bridge.inbox.poll-interval", "20ms");
        settings.put("bridge.inbox.stable-for", "50ms");
        settings.put("bridge.retry.max-attempts", "4");
        settings.put("bridge.retry.initial-delay", "50ms");
        settings.put("bridge.retry.max-delay", "200ms");
        settings.put("bridge.licence.check-interval", "200ms");
        settings.put("bridge.admin.enabled", "false");
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
        return journalKeys(prefix, "SUBMITTED");
    }

    /** The descriptor keys starting with {@code prefix} that the submission journal holds claimed, without an outcome yet. */
    public List<String> keysInFlight(String prefix) {
        return journalKeys(prefix, "IN_FLIGHT");
    }

    private List<String> journalKeys(String prefix, String state) {
        List<String> keys = new ArrayList<>();
        queryStore("SELECT descriptor_key FROM bridge_submission WHERE descriptor_key LIKE ? AND state = ?"
                + " ORDER BY descriptor_key", rs -> keys.add(rs.getString(1)), prefix + "%", state);
        return keys;
    }

    /** The status the store last recorded for each task the bridge tracks, by task id: what its polls have seen. */
    public Map<Long, Integer> storedTaskStatuses() {
        Map<Long, Integer> statuses = new TreeMap<>();
        queryStore("SELECT task_id, status FROM bridge_task", rs -> statuses.put(rs.getLong(1), rs.getInt(2)));
        return statuses;
    }

    /** The simulator's tasks made since the test began: all of them, unless the class shares this bridge. */
    public List<Task> tasks() {
        return simulator.tasks().stream().filter(task -> !earlierTasks.contains(task.id())).toList();
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

    /**
     * Starts the bridge with its admin port on a port the OS said was free a moment before; another process may
     * take it first, and the bridge then refuses to start (bridge.admin.port takes a fixed port): try another.
     *
     * @return the admin port's base URL, {@code http://127.0.0.1:<port>}
     */
    public String startWithAdminPort() {
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            with("bridge.admin.enabled", "true").with("bridge.admin.port", Integer.toString(port));
            try {
                start();
                return "http://127.0.0.1:" + port;
            } catch (IllegalStateException e) {
                boolean portTaken = e.getCause() instanceof InvalidConfigurationException invalid
                        && invalid.problems().stream().allMatch(problem -> problem.startsWith("bridge.admin.port:"));
                if (!portTaken || attempt == MAX_START_ATTEMPTS) {
                    throw e;
                }
            }
        }
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

    /**
     * The receipt of a file dropped into the inbox, once the file is done: the receipt is written before the
     * file's copy is archived and the original deleted, so a test reading on sees the inbox as the bridge left it.
     */
    public JsonNode awaitReceipt(String name) {
        Path receipt = dir("receipts").resolve(name + ".receipt.json");
        Path original = dir("inbox").resolve(name);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(receipt) && !Files.exists(original));
        return read(receipt);
    }

    /** The records of one dead-letter key, oldest first; one still being written is not there yet. */
    public List<JsonNode> deadLetters(String key) {
        Path folder = dir("deadletter").resolve(key);
        return deadLetterFiles().stream().filter(p -> p.getParent().equals(folder)).map(BridgeHarness::readIfWhole)
                .flatMap(Optional::stream).toList();
    }

    /** The record files written under deadletter/ since the test began, whatever their key, in path order. */
    public List<Path> deadLetterFiles() {
        return allDeadLetterFiles().stream().filter(p -> p.getFileName().toString().endsWith(".json"))
                .filter(p -> !earlierDeadLetters.contains(p)).sorted().toList();
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

    /**
     * The JSON object in {@code file} once it is there and whole: the bridge writes dead-letter records in place,
     * so a look at the wrong moment finds the file empty or half written.
     */
    public static JsonNode awaitWritten(Path file) {
        await().atMost(Duration.ofSeconds(20)).until(() -> readIfWhole(file).isPresent());
        return read(file);
    }

    private static Optional<JsonNode> readIfWhole(Path file) {
        try {
            return Optional.of(JSON.readTree(file.toFile())).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedByTheClass = true;
    }

    /** On a shared bridge: the test starts with no faults, no counted requests, and the earlier tests' work set aside. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!sharedByTheClass) {
            return;
        }
        simulator.faults().clear();
        simulator.resetCounters();
        earlierTasks = new HashSet<>(simulator.tasks().stream().map(Task::id).toList());
        earlierDeadLetters = allDeadLetterFiles();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!sharedByTheClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private Set<Path> allDeadLetterFiles() {
        Path folder = dir("deadletter");
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return new HashSet<>(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
