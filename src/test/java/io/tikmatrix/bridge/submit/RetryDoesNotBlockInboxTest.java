package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A descriptor waiting for its next attempt holds back neither the next file nor its own file's other descriptors. */
class RetryDoesNotBlockInboxTest {

    private static final String WARMUP =
            "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void theNextFileIsDoneWhileTheFirstOneWaitsForItsRetry() {
        bridge.with("bridge.retry.initial-delay", "4s")
                .with("bridge.retry.max-delay", "4s")
                .with("bridge.api.concurrency", "1")
                .start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("slow.json", WARMUP.formatted("slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.simulator().requestCount("POST", "/task") == 1);

        bridge.drop("fast.json", WARMUP.formatted("fast"));

        assertThat(bridge.awaitReceipt("fast.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.dir("receipts").resolve("slow.json.receipt.json")).as("slow.json still waits for its retry").doesNotExist();
        assertThat(bridge.awaitReceipt("slow.json").path("summary").path("submitted").asInt()).isEqualTo(1);
    }

    @Test
    void otherDescriptorsOfTheSameFileGoOnWhileOneWaits() {
        // a retry far enough away that the other 19 are done well before it, even on a busy machine
        bridge.with("bridge.retry.initial-delay", "10s")
                .with("bridge.retry.max-delay", "10s")
                .start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(50001, 500));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append(WARMUP.formatted("s" + i)).append('\n');
        }
        bridge.drop("many.jsonl", lines.toString());

        await().atMost(Duration.ofSeconds(8)).until(() -> bridge.simulator().tasks().size() == 19);
        assertThat(bridge.awaitReceipt("many.jsonl").path("summary").path("submitted").asInt()).isEqualTo(20);
    }
}
