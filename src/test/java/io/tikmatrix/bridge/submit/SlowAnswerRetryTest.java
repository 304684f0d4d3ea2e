package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer slower than tikmatrix.response-timeout is a transient fault: retried like the others of
 * {@link TransientFaultRetryTest}, on a bridge of its own since it needs a short time-out.
 */
class SlowAnswerRetryTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void anAnswerSlowerThanTheResponseTimeoutIsRetried() {
        bridge.with("tikmatrix.response-timeout", "300ms").start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.delay(Duration.ofSeconds(2)));
        bridge.drop("one.json", TransientFaultRetryTest.DESCRIPTOR);

        JsonNode line = bridge.awaitReceipt("one.json").path("descriptors").get(0);

        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }
}
