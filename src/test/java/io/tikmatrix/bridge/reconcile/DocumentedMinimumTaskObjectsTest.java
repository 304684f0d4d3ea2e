package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where TikMatrix shows only ids and statuses (all the API documents of a task), a lost answer is still
 * settled by count: the one new task of the device is adopted when no other call is unsettled, and a task
 * the bridge owns for another descriptor is never taken for it.
 */
class DocumentedMinimumTaskObjectsTest {

    private static final String WARMUP =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60, \"topic\": \"%s\"}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withMinimalTaskObjects(true));

    @Test
    void aLoneLostAnswerIsAdoptedByCount() {
        bridge.with("tikmatrix.response-timeout", "500ms").start();
        bridge.drop("first.json", WARMUP.formatted("first"));
        long first = bridge.awaitReceipt("first.json").path("descriptors").get(0).path("task_ids").get(0).asLong();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.answerLate(Duration.ofSeconds(2)));

        bridge.drop("second.json", WARMUP.formatted("second"));

        JsonNode line = bridge.awaitReceipt("second.json").path("descriptors").get(0);
        assertThat(bridge.simulator().tasks()).hasSize(2);
        long second = bridge.simulator().tasks().stream().mapToLong(t -> t.id()).filter(id -> id != first).findFirst().orElseThrow();
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("task_ids")).extracting(JsonNode::asLong).containsExactly(second);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }
}
