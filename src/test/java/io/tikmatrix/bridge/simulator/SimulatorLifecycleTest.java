package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorLifecycleTest extends RunningSimulatorTest {

    private static final String POST_ON_S1 = """
            {"serials": ["s1"], "script_name": "post", "script_config": {}}""";
    private static final String FAILING_POST_ON_S1 = """
            {"serials": ["s1"], "script_name": "post", "script_config": {"simulate": "fail"}}""";

    private static final String POST_ON_TEN_SERIALS = """
            {"serials": ["s1","s2","s3","s4","s5","s6","s7","s8","s9","s10"], "script_name": "post", "script_config": {}}""";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:00:00Z"));

    @Override
    protected void start(SimulatorSettings settings) {
        super.start(settings.withClock(clock));
    }

    @Test
    void taskMovesFromPendingThroughRunningToCompletedAsTheClockAdvances() throws Exception {
        start(SimulatorSettings.defaults());
        long id = api.createTasks(POST_ON_S1)[0];

        assertThat(statusText(id)).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(2));
        assertThat(statusText(id)).isEqualTo("running");
        assertThat(api.get("/task/" + id).data().path("started_at").asText()).isEqualTo("2026-01-01T09:00:02Z");
        clock.advance(Duration.ofSeconds(3));
        JsonNode done = api.get("/task/" + id).data();
        assertThat(done.path("status").asInt()).isEqualTo(2);
        assertThat(done.path("status_text").asText()).isEqualTo("completed");
        assertThat(done.path("finished_at").asText()).isEqualTo("2026-01-01T09:00:05Z");
    }

    @Test
    void simulateFailConfigEndsFailed() throws Exception {
        start(SimulatorSettings.defaults());
        long id = api.createTasks(FAILING_POST_ON_S1)[0];

        clock.advance(Duration.ofSeconds(5));

        assertThat(api.get("/task/" + id).data().path("status").asInt()).isEqualTo(3);
    }

    @Test
    void failureRatioIsRepeatableForTheSameSeed() throws Exception {
        start(SimulatorSettings.defaults().withFailureRatio(0.5).withSeed(7));
        api.createTasks(POST_ON_TEN_SERIALS);
        clock.advance(Duration.ofSeconds(5));
        var firstRun = simulator.tasks().stream().map(Task::status).toList();
        simulator.close();

        start(SimulatorSettings.defaults().withFailureRatio(0.5).withSeed(7));
        api.createTasks(POST_ON_TEN_SERIALS);
        clock.advance(Duration.ofSeconds(5));

        assertThat(simulator.tasks()).extracting(Task::status).containsExactlyElementsOf(firstRun);
        assertThat(firstRun).contains(TaskStatus.FAILED, TaskStatus.COMPLETED);
    }

    @Test
    void stoppingARunningTaskFailsItAsStopped() throws Exception {
        start(SimulatorSettings.defaults());
        long id = api.createTasks(POST_ON_S1)[0];
        clock.advance(Duration.ofSeconds(3));

        JsonNode stopped = api.post("/task/" + id + "/stop", null).data();

        assertThat(stopped.path("status_text").asText()).isEqualTo("failed");
        assertThat(stopped.path("stopped").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(statusText(id)).isEqualTo("failed");
    }

    @Test
    void stoppingAFinishedTaskIsInvalid() throws Exception {
        start(SimulatorSettings.defaults());
        long id = api.createTasks(POST_ON_S1)[0];
        clock.advance(Duration.ofSeconds(5));

        assertThat(api.post("/task/" + id + "/stop", null).code()).isEqualTo(40001);
        assertThat(api.post("/task/999/stop", null).code()).isEqualTo(40401);
    }

    @Test
    void retryRequeuesAFailedTaskUnderTheSameId() throws Exception {
        start(SimulatorSettings.defaults());
        long id = api.createTasks(FAILING_POST_ON_S1)[0];
        clock.advance(Duration.ofSeconds(5));

        JsonNode retried = api.post("/task/" + id + "/retry", null).data();

        assertThat(retried.path("id").asLong()).isEqualTo(id);
        assertThat(retried.path("status_text").asText()).isEqualTo("pending");
        assertThat(retried.path("retry_count").asInt()).isEqualTo(1);
        assertThat(simulator.tasks()).hasSize(1);
        assertThat(api.post("/task/" + id + "/retry", null).code()).isEqualTo(40001);
    }

    @Test
    void retryAllRequeuesEveryFailedTask() throws Exception {
        start(SimulatorSettings.defaults());
        api.createTasks(FAILING_POST_ON_S1);
        api.createTasks(FAILING_POST_ON_S1);
        api.createTasks(POST_ON_S1);
        clock.advance(Duration.ofSeconds(5));

        assertThat(api.post("/task/retry-all", null).data().path("retried").asInt()).isEqualTo(2);
        assertThat(api.get("/task?status=0").data().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void deleteRemovesOneTaskOrABatch() throws Exception {
        start(SimulatorSettings.defaults());
        long[] ids = api.createTasks("""
                {"serials": ["s1","s2","s3","s4"], "script_name": "post", "script_config": {}}""");

        JsonNode single = api.delete("/task/" + ids[0], null).data();
        JsonNode batch = api.delete("/task/batch", "{\"task_ids\": [" + ids[1] + ", " + ids[2] + ", 9999]}").data();

        assertThat(single.path("deleted")).extracting(JsonNode::asLong).containsExactly(ids[0]);
        assertThat(batch.path("deleted")).extracting(JsonNode::asLong).containsExactly(ids[1], ids[2]);
        assertThat(api.get("/task/" + ids[1]).code()).isEqualTo(40401);
        assertThat(api.delete("/task/" + ids[0], null).data().path("deleted")).isEmpty();
        assertThat(simulator.tasks()).extracting(Task::id).containsExactly(ids[3]);
    }

    @Test
    void statsCountTasksByStatus() throws Exception {
        start(SimulatorSettings.defaults());
        api.createTasks(FAILING_POST_ON_S1);
        api.createTasks(POST_ON_S1);
        clock.advance(Duration.ofSeconds(5));
        api.createTasks(POST_ON_S1);
        clock.advance(Duration.ofSeconds(2));
        api.createTasks(POST_ON_S1);

        JsonNode stats = api.get("/task/stats").data();

        assertThat(stats.path("total").asInt()).isEqualTo(4);
        assertThat(stats.path("pending").asInt()).isEqualTo(1);
        assertThat(stats.path("running").asInt()).isEqualTo(1);
        assertThat(stats.path("completed").asInt()).isEqualTo(1);
        assertThat(stats.path("failed").asInt()).isEqualTo(1);
    }

    private String statusText(long id) throws Exception {
        return api.get("/task/" + id).data().path("status_text").asText();
    }
}
