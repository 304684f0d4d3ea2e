package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A key that is still being submitted has no outcome yet: a second file with the same key waits in the inbox
 * until the first is done, then reads as a duplicate naming the task the first made — never as a duplicate
 * of nothing.
 */
class SameKeyInFlightTest {

    private static final String ORDER =
            "{\"id\": \"order-77\", \"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aSecondFileWithTheSameKeyWaitsForTheFirstsOutcome() {
        bridge.with("bridge.retry.initial-delay", "2s").with("bridge.retry.max-delay", "2s").start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("first.json", ORDER);
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.simulator().requestCount("POST", "/task") == 1);

        bridge.drop("second.json", ORDER);

        JsonNode first = bridge.awaitReceipt("first.json").path("descriptors").get(0);
        JsonNode second = bridge.awaitReceipt("second.json").path("descriptors").get(0);
        assertThat(first.path("outcome").asText()).isEqualTo("submitted");
        assertThat(second.path("outcome").asText()).isEqualTo("duplicate");
        assertThat(second.path("task_ids")).hasSize(1).isEqualTo(first.path("task_ids"));
        assertThat(bridge.simulator().tasks()).hasSize(1);
    }
}
