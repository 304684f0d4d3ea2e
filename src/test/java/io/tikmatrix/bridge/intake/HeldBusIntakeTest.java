package io.tikmatrix.bridge.intake;

import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While the licence gate holds intake, a bus endpoint takes no message; once it opens, the waiting message is taken. */
class HeldBusIntakeTest {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aPlanWithoutApiAccessLeavesTheRecordWithTheBrokerUntilTheLicencePasses() {
        KAFKA.createTopic("held", 1);
        bridge.simulator().faults().setPlan(false);
        bridge.with("bridge.intake.endpoints", "kafka:held?brokers=" + KAFKA.bootstrapServers()).start();
        KAFKA.send("held", "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_LICENCE);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(bridge.simulator().requestCount("POST", "/task")).isZero();
            assertThat(bridge.dir("receipts/kafka-held@held-0-0.json.receipt.json")).doesNotExist();
        });

        bridge.simulator().faults().setPlan(true);

        assertThat(bridge.awaitReceipt("kafka-held@held-0-0.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.tasks()).hasSize(1);
    }
}
