package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A status poller over a real H2 task store and a simulator whose clock the test drives (tasks stay where
 * the test puts them), with tasks created on the simulator in bulk.
 */
abstract class PollAgainstSimulatorTest {

    @TempDir
    Path dir;

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    protected TikMatrixSimulator simulator;
    protected TaskQueries queries;
    protected TaskTracker tracker;
    protected StatusPoller poller;
    private final int maxPageSize;
    private HikariDataSource dataSource;
    protected CamelContext camel;

    /** @param maxPageSize the largest page the simulated TikMatrix serves, whatever the poller asks */
    protected PollAgainstSimulatorTest(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    @BeforeEach
    void open() {
        simulator = new TikMatrixSimulator(
                SimulatorSettings.defaults().withClock(clock).withMaxPageSize(maxPageSize)).start(0);
        dataSource = StoreDataSource.open(TestDatabases.h2(dir), "", "");
        tracker = new TaskTracker(new TaskStore(dataSource, new EventOutbox(dataSource, List.of("file-events"), clock), clock), clock);
        camel = new DefaultCamelContext();
        camel.start();
        queries = new TaskQueries(camel.createProducerTemplate(), simulator.baseUrl());
        poller = new StatusPoller(queries, tracker);
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
        dataSource.close();
        simulator.close();
    }

    /** One POST /task that fans out into {@code count} follow tasks, one per serial, instead of a descriptor file per task. */
    protected List<Long> createFollowTasks(int count) throws Exception {
        return createFollowTasks(IntStream.range(0, count).mapToObj(i -> "device-" + i).toList());
    }

    /** One POST /task that fans out into a follow task per serial. */
    protected List<Long> createFollowTasks(List<String> serials) throws Exception {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        serials.forEach(body.putArray("serials")::add);
        body.put("script_name", "follow");
        body.putObject("script_config").putArray("target_users").add("@x");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/task"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Long> ids = new ArrayList<>();
        JsonNode answer = BridgeHarness.JSON.readTree(response.body());
        answer.path("data").path("task_ids").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(serials.size());
        return ids;
    }

    protected static Descriptor descriptor(String key) {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        body.put("script_name", "follow");
        return Descriptor.of(body, Source.file(key + ".json", 0), key);
    }
}
