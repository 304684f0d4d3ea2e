package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.fleet.HostInventory.Origin;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code tikmatrix.hosts.<name>.devices} / {@code .accounts}: all a host without the endpoints is known to have, and
 * names in addition to what a host with them says.
 */
class HostStaticMapTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(HostInventory.class);

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    @Test
    void aHostWithoutTheEndpointsHasItsStaticMapAndSaysSoOnce() {
        SimulatorSettings settings = SimulatorSettings.defaults();
        SimulatedFleet simulated = pcs.start(List.of(
                settings.withInventory(SimulatedFleet.rangeOf(0).withDevicesEndpoint(false).withAccountsEndpoint(false)),
                settings.withInventory(SimulatedFleet.rangeOf(1))));
        Map<String, String> keys = new LinkedHashMap<>(simulated.hostProperties());
        keys.put("tikmatrix.hosts.host-1.devices", "R58M1, R58M2");
        keys.put("tikmatrix.hosts.host-1.accounts", "shop_one");
        keys.put("tikmatrix.hosts.host-2.devices", "R58EXTRA");
        BridgeConfig config = pcs.config(keys);
        HostInventory inventory = new HostInventory(Fleet.from(config), config);

        // before any refresh, the static map already routes
        assertThat(inventory.hostOfSerial("R58M2")).contains("host-1");
        inventory.refresh();
        inventory.refresh();

        HostInventory.Known host1 = inventory.known().get("host-1");
        assertThat(host1.serials()).containsExactly(entry("R58M1", Origin.STATIC), entry("R58M2", Origin.STATIC));
        assertThat(host1.usernames()).containsExactly(entry("shop_one", Origin.STATIC));
        HostInventory.Known host2 = inventory.known().get("host-2");
        assertThat(host2.serials()).hasSize(21).containsEntry("emulator-5574", Origin.DISCOVERED)
                .containsEntry("R58EXTRA", Origin.STATIC);
        assertThat(inventory.hostOfSerial("R58EXTRA")).contains("host-2");
        assertThat(inventory.hostOfAccount("shop_one")).contains("host-1");
        assertThat(inventory.hostOfSerial("emulator-5554")).isEmpty();
        assertThat(logs.all().lines()).containsExactlyInAnyOrder(
                "host-1: GET rpc/devices is missing (HTTP 404, no envelope); its static map tikmatrix.hosts.host-1.devices is used",
                "host-1: GET accounts is missing (HTTP 404, no envelope); its static map tikmatrix.hosts.host-1.accounts is used",
                "host-1: 2 devices (static map, rpc/devices missing), 1 accounts (static map, accounts missing)",
                "host-2: 21 devices (rpc/devices: data[].serial + 1 static), 20 accounts (accounts: data.accounts[].username)");
    }
}
