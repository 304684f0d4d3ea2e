package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.events.CloudEvents;
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
import java.time.Duration;
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
        dataSource = StoreDataSource.open(TestDatabases.h2(dir), "", "");
        tracker = new TaskTracker(new TaskStore(dataSource, new EventOutbox(dataSource, List.of("file-events"), Duration.ofSeconds(15), clock), clock),
                new CloudEvents(), clock);
        camel = new DefaultCamelContext();
        camel.start();
        startSimulator(SimulatorSettings.ListOrder.OLDEST_FIRST);
    }

    /** Serves {@code GET /task} in this order from now on: a new simulator, with no tasks, and a new poller. */
    protected void sortedBy(SimulatorSettings.ListOrder order) {
        simulator.close();
        startSimulator(order);
    }

    private void startSimulator(SimulatorSettings.ListOrder order) {
        simulator = new TikMatrixSimulator(SimulatorSettings.defaults().withClock(clock).withMaxPageSize(maxPageSize)
                .withListOrder(order)).start(0);
        queries = new TaskQueries(camel.createProducerTemplate(), simulator.baseUrl());
        poller = new StatusPoller(TrackedTask.ONE_HOST, queries, tracker);
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
        return createFollowTasks(serials, false);
    }

    /** As {@link #createFollowTasks(int)}, of tasks that fail when they have run. */
    protected List<Long> createFailingTasks(int count) throws Exception {
        return createFollowTasks(IntStream.range(0, count).mapToObj(i -> "device-" + i).toList(), true);
    }

    /**
     * TikMatrix's queue as the bridge left it, in three POSTs: {@code running} tasks that have started,
     * {@code pending} ones queued behind them, all tracked. The clock then stays still: nothing changes
     * until the test moves it.
     *
     * @return the ids of the running tasks, then of the pending ones
     */
    protected Queue queue(int running, int pending) throws Exception {
        List<Long> started = createFollowTasks(running);
        clock.advance(SimulatorSettings.defaults().pendingFor());
        List<Long> waiting = createFollowTasks(pending);
        tracker.track(descriptor("running"), started);
        tracker.track(descriptor("pending"), waiting);
        return new Queue(started, waiting);
    }

    protected record Queue(List<Long> running, List<Long> pending) {
    }

    /**
     * Finished tasks the bridge knows nothing of, so that both lists of finished tasks run over several pages.
     *
     * @return the ids of the completed ones
     */
    protected List<Long> history(int completed, int failed) throws Exception {
        List<Long> ids = createFollowTasks(completed);
        createFailingTasks(failed);
        clock.advance(SimulatorSettings.defaults().pendingFor().plus(SimulatorSettings.defaults().runningFor()));
        return ids;
    }

    /** One poll as the status route makes it: observe, then store what changed. */
    protected List<Observation> poll() {
        List<Observation> seen = poller.observe();
        tracker.apply(seen);
        return seen;
    }

    private List<Long> createFollowTasks(List<String> serials, boolean failing) throws Exception {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        serials.forEach(body.putArray("serials")::add);
        body.put("script_name", "follow");
        ObjectNode config = body.putObject("script_config");
        config.putArray("target_users").add("@x");
        if (failing) {
            config.put("simulate", "fail");
        }
        List<Long> ids = new ArrayList<>();
        send("POST", "/task", body).path("task_ids").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(serials.size());
        return ids;
    }

    /** Deletes tasks in TikMatrix, as its user may. */
    protected void delete(List<Long> ids) throws Exception {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        ids.forEach(body.putArray("task_ids")::add);
        assertThat(send("DELETE", "/task/batch", body).path("deleted")).hasSize(ids.size());
    }

    /** Stops a task in TikMatrix, as its user may: it fails at once. */
    protected void stop(long id) throws Exception {
        assertThat(send("POST", "/task/" + id + "/stop", BridgeHarness.JSON.createObjectNode()).path("status").asInt()).isEqualTo(3);
    }

    /** @return the answer's data, once its code says success */
    private JsonNode send(String method, String path, ObjectNode body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = BridgeHarness.JSON.readTree(response.body());
        assertThat(answer.path("code").asInt()).as(method + " " + path + ": " + answer).isZero();
        return answer.path("data");
    }

    protected static Descriptor descriptor(String key) {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        body.put("script_name", "follow");
        return Descriptor.of(body, Source.file(key + ".json", 0), key);
    }
}
