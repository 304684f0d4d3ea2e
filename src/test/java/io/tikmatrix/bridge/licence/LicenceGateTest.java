package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While TikMatrix refuses the API or cannot be reached, files wait in the inbox untouched; intake resumes by itself. */
class LicenceGateTest {

    private static final String WARMUP =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aPlanWithoutApiAccessHoldsIntakeUntilTheLicencePasses() {
        bridge.simulator().faults().setPlan(false);
        bridge.start();
        bridge.drop("held.json", WARMUP);

        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_LICENCE);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(bridge.dir("inbox/held.json")).exists();
            assertThat(bridge.simulator().requestCount("POST", "/task")).isZero();
            assertThat(bridge.dir("receipts/held.json.receipt.json")).doesNotExist();
        });

        bridge.simulator().faults().setPlan(true);

        assertThat(bridge.awaitReceipt("held.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    @Test
    void a40301AnswerToACallHoldsIntakeAndTheCallGoesThroughOnceTheLicencePasses() {
        bridge.start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40301, 403));
        bridge.drop("one.json", WARMUP);

        assertThat(bridge.awaitReceipt("one.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    @Test
    void anUnreachableTikMatrixHoldsIntakeAndItResumesWhenTikMatrixIsBack() {
        bridge.start();
        int port = bridge.simulator().port();
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.OPEN);
        bridge.simulator().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_UNREACHABLE);

        bridge.drop("waiting.json", WARMUP);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(bridge.dir("inbox/waiting.json")).exists());

        try (TikMatrixSimulator back = new TikMatrixSimulator(SimulatorSettings.defaults()).start(port)) {
            assertThat(bridge.awaitReceipt("waiting.json").path("summary").path("submitted").asInt()).isEqualTo(1);
            assertThat(back.tasks()).hasSize(1);
        }
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }
}
