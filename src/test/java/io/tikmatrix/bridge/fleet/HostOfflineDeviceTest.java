package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatedInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A phone its PC once listed stays that PC's while it is off: TikMatrix queues its tasks until it is back. */
class HostOfflineDeviceTest {

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    @Test
    void aPhoneSeenOnceStaysItsHostsWhenItGoesOffline() {
        SimulatedFleet simulated = pcs.start(2);
        // a phone without an account: only GET /rpc/devices, which lists online phones, says whose it is
        simulated.host("host-2").plugIn(new SimulatedInventory.Device("R58OFF", true));
        HostInventory inventory = pcs.inventory();
        inventory.refresh();
        assertThat(inventory.hostOfSerial("R58OFF")).isEqualTo(Optional.of("host-2"));

        simulated.host("host-2").setOnline("R58OFF", false);
        inventory.refresh();

        assertThat(simulated.host("host-2").requestCount("GET", "/rpc/devices")).isEqualTo(2);
        assertThat(inventory.hostOfSerial("R58OFF")).isEqualTo(Optional.of("host-2"));
        assertThat(inventory.known().get("host-2").serials()).containsEntry("R58OFF", HostInventory.Origin.DISCOVERED);
    }
}
