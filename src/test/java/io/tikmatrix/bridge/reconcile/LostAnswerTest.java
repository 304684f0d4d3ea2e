package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POST whose answer was lost after TikMatrix made the task is settled by asking TikMatrix, not posted
 * again: its task is adopted, named in the receipt, tracked and announced; TikMatrix showing more than the
 * call could have made is dead-lettered as ambiguous, with nothing posted again. The cases share one bridge,
 * each with a topic of its own, so no task of another case looks like its descriptor's; the response
 * time-out is short for the answers that come late, and the others never meet it.
 */
class LostAnswerTest {

    private static final String DESCRIPTOR =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60, \"topic\": \"%s\"}}";

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.with("tikmatrix.response-timeout", "500ms").start();
    }

    @Test
    void anAnswerAfterTheTimeOutIsAdoptedNotPostedAgain() {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(2)));

        assertOneTaskAdopted("late");
    }

    @Test
    void aConnectionResetAfterTheTaskWasMadeIsAdoptedToo() {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.dropAfterHandling());

        assertOneTaskAdopted("reset");
    }

    @Test
    void anInternalErrorThatMadeNoTaskIsPostedAgainOnce() {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("internal-error.json", DESCRIPTOR.formatted("internal-error"));

        JsonNode line = bridge.awaitReceipt("internal-error.json").path("descriptors").get(0);

        assertThat(bridge.tasks()).hasSize(1);
        assertThat(line.path("task_ids").get(0).asLong()).isEqualTo(bridge.tasks().get(0).id());
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }

    @Test
    void moreLookAlikeTasksThanTheCallCouldMakeAreAmbiguous() throws Exception {
        long madeElsewhere = postDirectly(DESCRIPTOR.formatted("look-alike"));
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(2)));
        bridge.drop("look-alike.json", DESCRIPTOR.formatted("look-alike"));

        JsonNode record = bridge.awaitDeadLetters("ambiguous", 1).get(0);

        long madeByTheBridge = bridge.tasks().stream().mapToLong(Task::id).max().orElseThrow();
        assertThat(record.path("candidate_task_ids")).extracting(JsonNode::asLong).containsExactly(madeElsewhere, madeByTheBridge);
        assertThat(record.path("code").asText()).isEqualTo("ambiguous");
        assertThat(record.path("reason").asText()).startsWith("look-alike.json item 1: ").contains("where 1 were expected")
                .contains("nothing was posted again");
        assertThat(bridge.awaitReceipt("look-alike.json").path("descriptors").get(0).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(bridge.simulator().requestCount("POST", "/task")).as("one POST from elsewhere, one from the bridge").isEqualTo(2);
        assertThat(bridge.tasks()).hasSize(2);
    }

    /** Drops a descriptor of the topic in a file of its name, whose first answer the test has arranged to lose. */
    private static void assertOneTaskAdopted(String topic) {
        bridge.drop(topic + ".json", DESCRIPTOR.formatted(topic));

        JsonNode line = bridge.awaitReceipt(topic + ".json").path("descriptors").get(0);

        List<Task> tasks = bridge.tasks();
        assertThat(tasks).hasSize(1);
        long id = tasks.get(0).id();
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("task_ids")).extracting(JsonNode::asLong).containsExactly(id);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
        assertThat(bridge.awaitEvent(id + "-0").path("data").path("descriptor_key").asText()).isEqualTo(line.path("key").asText());
        assertThat(bridge.awaitEvent(id + "-2").path("data").path("status_text").asText()).isEqualTo("completed");
    }

    /** Another API client on the same TikMatrix, making a task that looks like the descriptor's. */
    private static long postDirectly(String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bridge.simulator().baseUrl() + "/task"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return BridgeHarness.JSON.readTree(answer.body()).path("data").path("task_ids").get(0).asLong();
    }
}
