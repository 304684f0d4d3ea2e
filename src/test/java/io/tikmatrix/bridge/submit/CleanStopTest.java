package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clean stop (what SIGTERM does) ends retries, not descriptors: a file not yet done stays in the inbox, and
 * what waited for a retry goes on after the next start with the attempts it had left, never posted twice.
 */
class CleanStopTest {

    private static final String WARMUP =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60, \"topic\": \"%s\"}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aDescriptorWaitingForARetryResumesWithTheRestOfItsBudget() {
        // harness budget: 4 attempts
        bridge.with("bridge.retry.initial-delay", "1s").with("bridge.retry.max-delay", "1s").start();
        bridge.simulator().faults().failAlways("POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("one.json", WARMUP.formatted("cats"));
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.simulator().requestCount("POST", "/task") == 2);

        bridge.stop();

        assertThat(bridge.dir("inbox").resolve("one.json")).as("left for the next start").exists();
        assertThat(bridge.dir("receipts").resolve("one.json.receipt.json")).doesNotExist();
        assertThat(bridge.deadLetters("50001")).isEmpty();
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);

        bridge.start();

        JsonNode record = bridge.awaitDeadLetters("50001", 1).get(0);
        assertThat(record.path("attempts").asInt()).isEqualTo(4);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(4);
        assertThat(bridge.awaitReceipt("one.json").path("summary").path("dead_lettered").asInt()).isEqualTo(1);
    }

    @Test
    void aStopMidFileMakesEveryLineOneTask() {
        bridge.with("bridge.retry.initial-delay", "4s").with("bridge.retry.max-delay", "4s").start();
        bridge.simulator().faults().failNext(3, "POST", "/task", Fault.errorEnvelope(50001, 500));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append(WARMUP.formatted("t" + i)).append('\n');
        }
        bridge.drop("many.jsonl", lines.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.simulator().tasks().size() == 17);

        bridge.stop();
        assertThat(bridge.dir("inbox").resolve("many.jsonl")).exists();
        bridge.start();

        JsonNode summary = bridge.awaitReceipt("many.jsonl").path("summary");
        Map<String, Long> tasksPerLine = bridge.simulator().tasks().stream()
                .collect(Collectors.groupingBy(t -> t.scriptConfig().path("topic").asText(), Collectors.counting()));
        assertThat(tasksPerLine).hasSize(20).allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
        assertThat(summary.path("submitted").asInt() + summary.path("duplicate").asInt()).isEqualTo(20);
        assertThat(summary.path("submitted").asInt()).as("the three that waited for a retry").isEqualTo(3);
    }
}
