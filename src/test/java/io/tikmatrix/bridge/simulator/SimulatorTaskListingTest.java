package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorTaskListingTest extends RunningSimulatorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:00:00Z"));

    @BeforeEach
    void startWithFiveTasks() throws Exception {
        startWithFiveTasks(SimulatorSettings.defaults().withClock(clock));
    }

    private void startWithFiveTasks(SimulatorSettings settings) throws Exception {
        start(settings);
        api.createTasks("""
                {"serials": ["s1", "s2"], "script_name": "follow", "script_config": {"target_users": ["a", "b"]}}""");
        clock.advance(Duration.ofSeconds(10));
        api.createTasks("""
                {"serials": ["s1"], "script_name": "post", "script_config": {}}""");
    }

    @Test
    void listsEveryTaskOrderedByIdWithDefaultPaging() throws Exception {
        JsonNode data = api.get("/task").data();

        assertThat(data.path("tasks")).extracting(task -> task.path("id").asLong())
                .containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
        assertThat(data.path("total").asInt()).isEqualTo(5);
        assertThat(data.path("page").asInt()).isEqualTo(1);
        assertThat(data.path("page_size").asInt()).isEqualTo(20);
    }

    @Test
    void listsNewestFirstWhenSoSetPagingAndFilteringAlike() throws Exception {
        simulator.close();
        startWithFiveTasks(SimulatorSettings.defaults().withClock(clock).withListOrder(SimulatorSettings.ListOrder.NEWEST_FIRST));

        assertThat(api.get("/task").data().path("tasks")).extracting(task -> task.path("id").asLong())
                .containsExactly(1004L, 1003L, 1002L, 1001L, 1000L);
        assertThat(api.get("/task?page=2&page_size=2&status=2").data().path("tasks"))
                .extracting(task -> task.path("id").asLong()).containsExactly(1001L, 1000L);
    }

    @Test
    void heldTasksStayQueuedWhateverTheClockSaysUntilStopped() throws Exception {
        List<Long> held = simulator.queueHeld(3);
        clock.advance(Duration.ofHours(1));

        assertThat(held).containsExactly(1005L, 1006L, 1007L);
        assertThat(api.get("/task?status=0&source=api").data().path("tasks"))
                .extracting(task -> task.path("id").asLong()).containsExactly(1005L, 1006L, 1007L);
        assertThat(api.post("/task/1006/stop", "{}").code()).isZero();
        assertThat(api.get("/task/1006").data().path("status").asInt()).isEqualTo(3);
        assertThat(api.get("/task?status=0").data().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void recordsEachRequestWithItsQuery() throws Exception {
        simulator.resetCounters();
        api.get("/task?status=1&page=2");
        api.get("/task/1000");
        api.get("/tasks");

        assertThat(simulator.requests("GET", "/task")).containsExactly("/task?status=1&page=2", "/task/1000");
    }

    @Test
    void filtersBySerialScriptStatusAndSource() throws Exception {
        assertThat(api.get("/task?serial=s1").data().path("total").asInt()).isEqualTo(3);
        assertThat(api.get("/task?script_name=post").data().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("/task?status=2").data().path("total").asInt()).isEqualTo(4);
        assertThat(api.get("/task?status=0&serial=s1").data().path("tasks"))
                .extracting(task -> task.path("id").asLong()).containsExactly(1004L);
        assertThat(api.get("/task?source=api").data().path("total").asInt()).isEqualTo(5);
        assertThat(api.get("/task?source=ui").data().path("total").asInt()).isZero();
    }

    @Test
    void pagesThroughTheMatchingTasks() throws Exception {
        JsonNode page2 = api.get("/task?page=2&page_size=2").data();
        JsonNode page4 = api.get("/task?page=4&page_size=2").data();

        assertThat(page2.path("tasks")).extracting(task -> task.path("id").asLong()).containsExactly(1002L, 1003L);
        assertThat(page2.path("total").asInt()).isEqualTo(5);
        assertThat(page4.path("tasks")).isEmpty();
    }

    @Test
    void pageSizeAboveOneHundredIsClamped() throws Exception {
        assertThat(api.get("/task?page_size=500").data().path("page_size").asInt()).isEqualTo(100);
    }

    @Test
    void malformedPagingIsInvalidParameters() throws Exception {
        assertThat(api.get("/task?page_size=lots").code()).isEqualTo(40001);
        assertThat(api.get("/task?page=0").code()).isEqualTo(40001);
    }
}
