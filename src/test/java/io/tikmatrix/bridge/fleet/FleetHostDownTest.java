package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One PC of the fleet is off: the descriptors for the others go on, its own wait (the file stays in the inbox, nothing
 * is dead-lettered), and once it is back they are submitted and the file gets its receipt.
 */
class FleetHostDownTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();
    private SimulatedFleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.start(3);
        fleet.hostProperties().forEach(bridge::with);
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @Test
    void aHostThatGoesDownHoldsOnlyItsOwnShares() {
        bridge.start();
        bridge.drop("first.jsonl", spread("first", 3));
        bridge.awaitReceipt("first.jsonl");
        fleet.down("host-2");
        LicenceGate gate = bridge.bridge().camelContext().getRegistry().lookupByNameAndType("licenceGate", LicenceGate.class);
        await("the licence check saw host-2 go").until(() -> gate.reason().contains("host-2: TikMatrix cannot be reached"));

        heldUntilHost2IsBack(3);
    }

    /** Its devices are not known while it never answered: a name no other host has may be its, so it is not unroutable. */
    @Test
    void aHostDownSinceTheStartHoldsTheNamesItMayHave() {
        fleet.down("host-2");
        bridge.start();

        heldUntilHost2IsBack(0);
    }

    private void heldUntilHost2IsBack(int tasksBefore) {
        bridge.drop("spread.jsonl", spread("d", 6));

        await("host-1 and host-3 got their own").until(() -> fleet.host("host-1").tasks().size() == tasksBefore / 3 + 2
                && fleet.host("host-3").tasks().size() == tasksBefore / 3 + 2);
        // host-1's and host-3's descriptors counted once: the file, put back for host-2, is not read again meanwhile
        // (each reading would count them again, as duplicates)
        BridgeMetrics metrics = bridge.bridge().camelContext().getRegistry().lookupByNameAndType("bridgeMetrics", BridgeMetrics.class);
        await("the others' descriptors counted").until(() -> metrics.descriptorsLastMinute() == tasksBefore + 4);
        await("host-2's shares held").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                !Files.exists(bridge.dir("receipts").resolve("spread.jsonl.receipt.json"))
                        && bridge.deadLetterFiles().isEmpty() && Files.exists(bridge.dir("inbox").resolve("spread.jsonl"))
                        && metrics.descriptorsLastMinute() == tasksBefore + 4);

        fleet.up("host-2");
        JsonNode receipt = bridge.awaitReceipt("spread.jsonl");

        assertThat(fleet.host("host-2").tasks()).hasSize(tasksBefore / 3 + 2);
        // taken again while host-2 was down, the others' shares were found submitted, not sent twice
        assertThat(fleet.host("host-1").tasks()).hasSize(tasksBefore / 3 + 2);
        assertThat(fleet.host("host-3").tasks()).hasSize(tasksBefore / 3 + 2);
        for (JsonNode line : receipt.path("descriptors")) {
            assertThat(line.path("outcome").asText()).isIn("submitted", "duplicate");
            assertThat(line.path("task_ids")).hasSize(1);
        }
        assertThat(receipt.path("descriptors").get(1).path("hosts").fieldNames()).toIterable().containsExactly("host-2");
        assertThat(receipt.path("descriptors").get(1).path("outcome").asText()).isEqualTo("submitted");
        assertThat(bridge.deadLetterFiles()).isEmpty();
    }

    /** {@code count} one-device descriptors taking turns over the hosts: host-1, host-2, host-3, host-1… */
    private static String spread(String prefix, int count) {
        StringBuilder lines = new StringBuilder();
        // emulator-5554… are host-1's, 5574… host-2's, 5594… host-3's
        for (int i = 0; i < count; i++) {
            lines.append("{\"id\": \"").append(prefix).append(i).append("\", \"serials\": [\"emulator-")
                    .append(5554 + (i % 3) * 20 + i).append("\"], \"script_name\": \"account_warmup\",")
                    .append(" \"script_config\": {\"task_duration\": 600}}\n");
        }
        return lines.toString();
    }
}
