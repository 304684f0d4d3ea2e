package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A TikMatrix that gives no more than its docs promise: pages smaller than asked, task objects of id and status only. */
class SimulatorDocumentedMinimumTest extends RunningSimulatorTest {

    private static final String POST_ON_FIVE = """
            {"serials": ["s1", "s2", "s3", "s4", "s5"], "script_name": "post", "script_config": {}}""";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:00:00Z"));

    @Test
    void pagesAreCappedAndEchoTheSizeReallyServed() throws Exception {
        start(SimulatorSettings.defaults().withClock(clock).withMaxPageSize(2));
        api.createTasks(POST_ON_FIVE);

        JsonNode first = api.get("/task?page_size=100").data();
        JsonNode third = api.get("/task?page=3&page_size=100").data();
        JsonNode byDefault = api.get("/task").data();

        assertThat(ids(first)).containsExactly(1000L, 1001L);
        assertThat(first.path("page_size").asInt()).isEqualTo(2);
        assertThat(first.path("total").asInt()).isEqualTo(5);
        assertThat(ids(third)).containsExactly(1004L);
        assertThat(third.path("page_size").asInt()).isEqualTo(2);
        assertThat(byDefault.path("page_size").asInt()).isEqualTo(2);
    }

    @Test
    void minimalTaskObjectsCarryOnlyIdAndStatus() throws Exception {
        start(SimulatorSettings.defaults().withClock(clock).withMinimalTaskObjects(true));
        api.createTasks(POST_ON_FIVE);

        JsonNode listed = api.get("/task").data().path("tasks");
        JsonNode detail = api.get("/task/1003").data();

        assertThat(listed).hasSize(5);
        assertThat(listed.get(0).toString()).isEqualTo("{\"id\":1000,\"status\":0}");
        assertThat(detail.toString()).isEqualTo("{\"id\":1003,\"status\":0}");
    }

    @Test
    void filtersStillApplyToMinimalTaskObjects() throws Exception {
        start(SimulatorSettings.defaults().withClock(clock).withMinimalTaskObjects(true));
        api.createTasks(POST_ON_FIVE);
        clock.advance(Duration.ofSeconds(10));
        api.createTasks("""
                {"serials": ["s2"], "script_name": "follow", "script_config": {"target_users": ["a"]}}""");

        assertThat(ids(api.get("/task?serial=s2").data())).containsExactly(1001L, 1005L);
        assertThat(ids(api.get("/task?script_name=follow&status=0").data())).containsExactly(1005L);
        assertThat(ids(api.get("/task?status=2&source=api").data())).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
        assertThat(api.get("/task?source=ui").data().path("total").asInt()).isZero();
    }

    private static List<Long> ids(JsonNode data) {
        List<Long> ids = new ArrayList<>();
        data.path("tasks").forEach(task -> ids.add(task.path("id").asLong()));
        return ids;
    }
}
