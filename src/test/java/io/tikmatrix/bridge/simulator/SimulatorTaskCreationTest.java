package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorTaskCreationTest extends RunningSimulatorTest {

    @BeforeEach
    void start() {
        start(SimulatorSettings.defaults());
    }

    @Test
    void followCreatesOneTaskPerTargetPerSerial() throws Exception {
        ApiClient.Answer answer = api.post("/task", """
                {"serials": ["emulator-5554", "emulator-5556"], "script_name": "follow",
                 "script_config": {"target_users": ["@a", "@b", "@c"]}}""");

        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.code()).isZero();
        assertThat(answer.json().path("message").asText()).isEqualTo("success");
        assertThat(answer.data().path("created_count").asInt()).isEqualTo(6);
        assertThat(answer.data().path("task_ids")).extracting(JsonNode::asLong)
                .containsExactly(1000L, 1001L, 1002L, 1003L, 1004L, 1005L);
        assertThat(simulator.tasks()).extracting(task -> task.serial() + " " + task.target()).containsExactly(
                "emulator-5554 @a", "emulator-5554 @b", "emulator-5554 @c",
                "emulator-5556 @a", "emulator-5556 @b", "emulator-5556 @c");
    }

    @Test
    void singleTargetFieldIsSplitOnNewlinesAndCommasPerUsername() throws Exception {
        long[] ids = api.createTasks("""
                {"usernames": ["@user1"], "script_name": "unfollow",
                 "script_config": {"target_user": "alice\\nbob, carol"}}""");

        assertThat(ids).hasSize(3);
        assertThat(simulator.tasks()).allSatisfy(task -> {
            assertThat(task.username()).isEqualTo("@user1");
            assertThat(task.serial()).isNull();
        });
        assertThat(simulator.tasks()).extracting(Task::target).containsExactly("alice", "bob", "carol");
    }

    @Test
    void commentCreatesOneTaskPerPostUrl() throws Exception {
        long[] fromList = api.createTasks("""
                {"serials": ["s1"], "script_name": "comment", "script_config": {"comment_content": "nice",
                 "target_post_urls": ["https://www.tiktok.com/@u/video/1", "https://vm.tiktok.com/x/"]}}""");
        long[] fromText = api.createTasks("""
                {"serials": ["s1", "s2"], "script_name": "comment", "script_config": {"comment_content": "nice",
                 "target_post_url": "https://www.instagram.com/p/1/,https://www.instagram.com/reel/2/"}}""");

        assertThat(fromList).hasSize(2);
        assertThat(fromText).hasSize(4);
    }

    @Test
    void postAndWarmupCreateOneTaskPerSerialOrUsername() throws Exception {
        assertThat(api.createTasks("""
                {"serials": ["s1", "s2", "s3"], "script_name": "post", "script_config": {"material_list": ["C:/v.mp4"]}}"""))
                .hasSize(3);
        assertThat(api.createTasks("""
                {"usernames": ["@a", "@b"], "script_name": "account_warmup", "script_config": {"task_duration": 600}}"""))
                .hasSize(2);
    }

    @Test
    void ownIdIsIgnoredAndTaskHasEveryDocumentedField() throws Exception {
        long[] ids = api.createTasks("""
                {"id": "mine-7", "serials": ["s1"], "script_name": "post", "script_config": {"captions": "नमस्ते 🎉"}}""");

        JsonNode task = api.get("/task/" + ids[0]).data();
        assertThat(ids).containsExactly(1000L);
        assertThat(task.path("id").asLong()).isEqualTo(1000);
        assertThat(task.path("serial").asText()).isEqualTo("s1");
        assertThat(task.path("username").isNull()).isTrue();
        assertThat(task.path("script_name").asText()).isEqualTo("post");
        assertThat(task.path("script_config").path("captions").asText()).isEqualTo("नमस्ते 🎉");
        assertThat(task.path("status").asInt()).isZero();
        assertThat(task.path("status_text").asText()).isEqualTo("pending");
        assertThat(task.path("source").asText()).isEqualTo("api");
        assertThat(task.path("created_at").asText()).isNotBlank();
        assertThat(task.path("started_at").isNull()).isTrue();
        assertThat(task.path("finished_at").isNull()).isTrue();
        assertThat(simulator.task(1000)).hasValueSatisfying(own -> assertThat(own.scriptName()).isEqualTo("post"));
        assertThat(simulator.task(1)).isEmpty();
    }

    @Test
    void rejectedBodiesAnswerTheirCodeWithHttp200AndCreateNothing() throws Exception {
        ApiClient.Answer noScript = api.post("/task", """
                {"serials": ["s1"], "script_config": {}}""");
        ApiClient.Answer like = api.post("/task", """
                {"serials": ["s1"], "script_name": "like", "script_config": {}}""");
        ApiClient.Answer notJson = api.post("/task", "{oops");

        assertThat(noScript.httpStatus()).isEqualTo(200);
        assertThat(noScript.code()).isEqualTo(40002);
        assertThat(noScript.json().path("message").asText()).isEqualTo("script_name is required");
        assertThat(like.code()).isEqualTo(40003);
        assertThat(notJson.code()).isEqualTo(40001);
        assertThat(simulator.tasks()).isEmpty();
        assertThat(simulator.receivedTaskBodies()).isEmpty();
        assertThat(simulator.requestCount("POST", "/task")).isEqualTo(3);
    }

    @Test
    void acceptedBodiesAreRecordedInOrder() throws Exception {
        api.createTasks("""
                {"serials": ["s1"], "script_name": "post", "script_config": {"captions": "first"}}""");
        api.createTasks("""
                {"serials": ["s1"], "script_name": "post", "script_config": {"captions": "second"}}""");

        assertThat(simulator.receivedTaskBodies()).extracting(body -> body.path("script_config").path("captions").asText())
                .containsExactly("first", "second");
        simulator.resetCounters();
        assertThat(simulator.receivedTaskBodies()).isEmpty();
        assertThat(simulator.requestCount("POST", "/task")).isZero();
    }

    @Test
    void licenseCheckReportsProPlan() throws Exception {
        JsonNode data = api.get("/license/check").data();

        assertThat(data.path("plan_name").asText()).isEqualTo("Pro");
        assertThat(data.path("api_enabled").asBoolean()).isTrue();
        assertThat(data.path("device_limit").asInt()).isEqualTo(20);
        assertThat(data.path("message").asText()).isNotBlank();
    }

    @Test
    void unknownTaskAndUnknownPathAre40401WithHttp200() throws Exception {
        ApiClient.Answer unknownTask = api.get("/task/4242");
        ApiClient.Answer unknownPath = api.get("/nothing/here");

        assertThat(unknownTask.httpStatus()).isEqualTo(200);
        assertThat(unknownTask.code()).isEqualTo(40401);
        assertThat(unknownPath.code()).isEqualTo(40401);
    }
}
