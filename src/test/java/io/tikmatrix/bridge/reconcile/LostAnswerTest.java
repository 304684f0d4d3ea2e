package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.support.BridgeHarness;
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
 * call could have made is dead-lettered as ambiguous, with nothing posted again.
 */
class LostAnswerTest {

    private static final String DESCRIPTOR =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60, \"topic\": \"cats\"}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void anAnswerAfterTheTimeOutIsAdoptedNotPostedAgain() {
        bridge.with("tikmatrix.response-timeout", "500ms").start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(2)));

        assertOneTaskAdopted();
    }

    @Test
    void aConnectionResetAfterTheTaskWasMadeIsAdoptedToo() {
        bridge.start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.dropAfterHandling());

        assertOneTaskAdopted();
    }

    @Test
    void anInternalErrorThatMadeNoTaskIsPostedAgainOnce() {
        bridge.start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("one.json", DESCRIPTOR);

        JsonNode line = bridge.awaitReceipt("one.json").path("descriptors").get(0);

        assertThat(bridge.simulator().tasks()).hasSize(1);
        assertThat(line.path("task_ids").get(0).asLong()).isEqualTo(bridge.simulator().tasks().get(0).id());
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }

    @Test
    void moreLookAlikeTasksThanTheCallCouldMakeAreAmbiguous() throws Exception {
        bridge.with("tikmatrix.response-timeout", "500ms").start();
        long madeElsewhere = postDirectly(DESCRIPTOR);
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(2)));
        bridge.drop("one.json", DESCRIPTOR);

        JsonNode record = bridge.awaitDeadLetters("ambiguous", 1).get(0);

        long madeByTheBridge = bridge.simulator().tasks().stream().mapToLong(Task::id).max().orElseThrow();
        assertThat(record.path("candidate_task_ids")).extracting(JsonNode::asLong).containsExactly(madeElsewhere, madeByTheBridge);
        assertThat(record.path("code").asText()).isEqualTo("ambiguous");
        assertThat(record.path("reason").asText()).startsWith("one.json position 0: ").contains("where 1 were expected")
                .contains("nothing was posted again");
        assertThat(bridge.awaitReceipt("one.json").path("descriptors").get(0).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(bridge.simulator().requestCount("POST", "/task")).as("one POST from elsewhere, one from the bridge").isEqualTo(2);
        assertThat(bridge.simulator().tasks()).hasSize(2);
    }

    private void assertOneTaskAdopted() {
        bridge.drop("one.json", DESCRIPTOR);

        JsonNode line = bridge.awaitReceipt("one.json").path("descriptors").get(0);

        List<Task> tasks = bridge.simulator().tasks();
        assertThat(tasks).hasSize(1);
        long id = tasks.get(0).id();
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("task_ids")).extracting(JsonNode::asLong).containsExactly(id);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
        assertThat(bridge.awaitEvent(id + "-0").path("data").path("descriptor_key").asText()).isEqualTo(line.path("key").asText());
        assertThat(bridge.awaitEvent(id + "-2").path("data").path("status_text").asText()).isEqualTo("completed");
    }

    /** Another API client on the same TikMatrix, making a task that looks like the descriptor's. */
    private long postDirectly(String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bridge.simulator().baseUrl() + "/task"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return BridgeHarness.JSON.readTree(answer.body()).path("data").path("task_ids").get(0).asLong();
    }
}
