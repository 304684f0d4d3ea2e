package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatedInventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A phone its PC once listed stays that PC's while it is off: TikMatrix queues its tasks until it is back. */
class HostOfflineDeviceTest {

    @TempDir
    Path home;

    private SimulatedFleet simulated;

    @AfterEach
    void stop() {
        simulated.close();
    }

    @Test
    void aPhoneSeenOnceStaysItsHostsWhenItGoesOffline() {
        simulated = SimulatedFleet.start(2);
        // a phone without an account: only GET /rpc/devices, which lists online phones, says whose it is
        simulated.host("host-2").plugIn(new SimulatedInventory.Device("R58OFF", true));
        HostInventory inventory = FleetConfigs.inventory(home, simulated);
        inventory.refresh();
        assertThat(inventory.hostOfSerial("R58OFF")).isEqualTo(Optional.of("host-2"));

        simulated.host("host-2").setOnline("R58OFF", false);
        inventory.refresh();

        assertThat(simulated.host("host-2").requestCount("GET", "/rpc/devices")).isEqualTo(2);
        assertThat(inventory.hostOfSerial("R58OFF")).isEqualTo(Optional.of("host-2"));
        assertThat(inventory.known().get("host-2").serials()).containsEntry("R58OFF", HostInventory.Origin.DISCOVERED);
    }
}
