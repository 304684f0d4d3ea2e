package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.tikmatrix.bridge.validation.SchemaDescriptorValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/** A poll costs what the activity costs: 10,000 tracked tasks of which 200 are active take a few list pages, not 10,000 GETs. */
class PollCostTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final TikMatrixSimulator simulator =
            new TikMatrixSimulator(new SchemaDescriptorValidator(), SimulatorSettings.defaults().withClock(clock)).start(0);
    private HikariDataSource dataSource;

    @BeforeEach
    void open() {
        dataSource = StoreDataSource.open(TestDatabases.h2(dir), "", "");
    }

    @AfterEach
    void close() {
        dataSource.close();
        simulator.close();
    }

    @Test
    void aPollOfTenThousandTrackedTasksWithTwoHundredActiveTakesAFewRequests() throws Exception {
        TaskTracker tracker = new TaskTracker(new TaskStore(dataSource, new EventOutbox(dataSource, List.of("file-events"))), clock);
        StatusPoller poller = new StatusPoller(
                new TaskQueries(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10)), tracker);
        tracker.track(descriptor("history"), createFollowTasks(9_800));
        clock.advance(Duration.ofHours(1));
        // the history as earlier polls would have left it: completed, no longer active
        tracker.apply(tracker.active().stream().map(t -> new Observation(t, 2, null, null)).toList());
        tracker.track(descriptor("active"), createFollowTasks(200));
        assertThat(tracker.active()).hasSize(200);

        simulator.resetCounters();
        long started = System.nanoTime();
        List<Observation> seen = poller.observe();
        tracker.apply(seen);
        long millis = (System.nanoTime() - started) / 1_000_000;

        int requests = simulator.requestCount("GET", "/task");
        System.out.printf("poll of 10,000 tracked tasks (200 active): %d requests, %d ms%n", requests, millis);
        assertThat(seen).hasSize(200);
        assertThat(requests).isLessThanOrEqualTo(10);
    }

    /** One POST /task that fans out into {@code count} follow tasks, one per serial, instead of 10,000 descriptor files. */
    private List<Long> createFollowTasks(int count) throws Exception {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        ArrayNode serials = body.putArray("serials");
        for (int i = 0; i < count; i++) {
            serials.add("device-" + i);
        }
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
        assertThat(ids).hasSize(count);
        return ids;
    }

    private static Descriptor descriptor(String key) {
        ObjectNode body = BridgeHarness.JSON.createObjectNode();
        body.put("script_name", "follow");
        return Descriptor.of(body, Source.file(key + ".json", 0), key);
    }
}
