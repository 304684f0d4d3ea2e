package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatedInventory;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A host that does not answer keeps its last inventory, says so once per outage, and holds no other host back. */
class HostOutageTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(HostInventory.class);

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    @Test
    void aHostDownKeepsItsLastInventoryWhileTheOthersRefresh() {
        SimulatedFleet simulated = pcs.start(2);
        HostInventory inventory = pcs.inventory();
        inventory.refresh();
        Instant firstAnswer = inventory.known().get("host-1").discoveredAt().orElseThrow();

        simulated.down("host-1");
        simulated.host("host-2").plugIn(new SimulatedInventory.Device("R58NEW", true));
        inventory.refresh();
        inventory.refresh();

        assertThat(inventory.known().get("host-1").serials()).hasSize(20);
        assertThat(inventory.known().get("host-1").discoveredAt()).contains(firstAnswer);
        assertThat(inventory.hostOfSerial("emulator-5573")).contains("host-1");
        assertThat(inventory.hostOfSerial("R58NEW")).contains("host-2");
        assertThat(warnings()).isEqualTo(1);
        assertThat(logs.all().lines().filter(line -> line.startsWith("host-1: not answering")).findFirst().orElseThrow())
                .matches("host-1: not answering \\(GET rpc/devices: .+\\); it keeps its last known 20 devices, 20 accounts until it answers");
    }

    @Test
    void aHostBackSaysSoAndAnOutageAfterItIsWarnedAgain() {
        SimulatedFleet simulated = pcs.start(2);
        HostInventory inventory = pcs.inventory();
        inventory.refresh();
        simulated.down("host-1");
        inventory.refresh();

        simulated.up("host-1");
        inventory.refresh();
        simulated.down("host-1");
        inventory.refresh();

        assertThat(logs.all().lines().filter(line -> line.equals("host-1: answering again")).count()).isEqualTo(1);
        assertThat(warnings()).isEqualTo(2);
    }

    private long warnings() {
        return logs.all().lines().filter(line -> line.startsWith("host-1: not answering")).count();
    }
}
