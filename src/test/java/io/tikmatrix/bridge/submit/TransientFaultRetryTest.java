package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Transient faults are retried with back-off up to bridge.retry.max-attempts (4 here), then dead-lettered. */
class TransientFaultRetryTest {

    static final String DESCRIPTOR =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @Test
    void twoInternalErrorsThenSuccessIsOneTaskAfterThreeAttempts() {
        bridge.simulator().faults().failNext(2, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("two-errors.json", DESCRIPTOR);

        JsonNode line = bridge.awaitReceipt("two-errors.json").path("descriptors").get(0);

        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("task_ids")).hasSize(1);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(3);
        assertThat(bridge.tasks()).hasSize(1);
    }

    @Test
    void internalErrorsBeyondTheBudgetAreDeadLetteredUnder50001() {
        bridge.simulator().faults().failAlways("POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("always-50001.json", DESCRIPTOR);

        bridge.awaitReceipt("always-50001.json");

        JsonNode record = bridge.awaitDeadLetters("50001", 1).get(0);
        assertThat(record.path("attempts").asInt()).isEqualTo(4);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(4);
        assertThat(Duration.between(java.time.Instant.parse(record.path("first_attempt_at").asText()),
                java.time.Instant.parse(record.path("last_attempt_at").asText())))
                .as("back-off 50 + 100 + 200 ms").isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void droppedConnectionsAreUnreachable() {
        bridge.simulator().faults().failAlways("POST", "/task", Fault.dropConnection());
        bridge.drop("dropped.json", DESCRIPTOR);

        bridge.awaitReceipt("dropped.json");

        JsonNode record = bridge.awaitDeadLetters("unreachable", 1).get(0);
        assertThat(record.path("attempts").asInt()).isEqualTo(4);
        assertThat(record.path("code").asText()).isEqualTo("unreachable");
    }

    @Test
    void aGatewayErrorWithoutEnvelopeIsRetriedThenUnreachable() {
        bridge.simulator().faults().failAlways("POST", "/task", Fault.rawStatus(503, "Service Unavailable"));
        bridge.drop("gateway-503.json", DESCRIPTOR);

        bridge.awaitReceipt("gateway-503.json");

        JsonNode record = bridge.awaitDeadLetters("unreachable", 1).get(0);
        assertThat(record.path("http_status").asInt()).isEqualTo(503);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(4);
    }
}
