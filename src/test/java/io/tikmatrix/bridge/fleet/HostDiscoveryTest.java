package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatedInventory;
import io.tikmatrix.bridge.simulator.SimulatedInventory.DeviceListShape;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each host's devices and accounts read from its own API, whichever shape its {@code GET /rpc/devices} has. */
class HostDiscoveryTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(HostInventory.class);

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    @Test
    void learnsEachHostsDevicesAndAccountsInEveryShapeAndSaysWhereOnce() {
        SimulatorSettings settings = SimulatorSettings.defaults();
        SimulatedFleet simulated = pcs.start(List.of(
                settings.withInventory(SimulatedFleet.rangeOf(0).withOffline("emulator-5555")),
                settings.withInventory(SimulatedFleet.rangeOf(1).withDeviceListShape(DeviceListShape.UDID_OBJECTS_UNDER_DEVICES)),
                settings.withInventory(SimulatedFleet.rangeOf(2).withDeviceListShape(DeviceListShape.SERIAL_TEXTS))));
        HostInventory inventory = pcs.inventory();

        inventory.refresh();
        inventory.refresh();

        assertThat(inventory.known()).containsOnlyKeys("host-1", "host-2", "host-3");
        assertThat(inventory.known().get("host-1").serials().keySet()).containsExactlyInAnyOrderElementsOf(serials(5554, 20));
        assertThat(inventory.known().get("host-2").serials().keySet()).containsExactlyElementsOf(serials(5574, 20));
        assertThat(inventory.known().get("host-3").usernames().keySet())
                .containsExactlyElementsOf(serials(5594, 20).stream().map(s -> "user_" + s.substring(9)).toList());
        inventory.known().values().forEach(known -> {
            assertThat(known.serials().values()).containsOnly(HostInventory.Origin.DISCOVERED);
            assertThat(known.discoveredAt()).isPresent();
        });
        // offline: not in GET /rpc/devices, but its account names it
        assertThat(inventory.hostOfSerial("emulator-5555")).contains("host-1");
        assertThat(inventory.hostOfSerial("emulator-5580")).contains("host-2");
        assertThat(inventory.hostOfSerial("emulator-5613")).contains("host-3");
        assertThat(inventory.hostOfAccount("user_5600")).contains("host-3");
        assertThat(inventory.hostOfSerial("emulator-5614")).isEqualTo(Optional.empty());
        assertThat(logs.all().lines()).containsExactly(
                "host-1: 20 devices (rpc/devices: data[].serial), 20 accounts (accounts: data.accounts[].username)",
                "host-2: 20 devices (rpc/devices: data.devices[].udid), 20 accounts (accounts: data.accounts[].username)",
                "host-3: 20 devices (rpc/devices: data[]), 20 accounts (accounts: data.accounts[].username)");
    }

    @Test
    void readsEveryPageOfTheAccountsAtAHundredAPage() {
        SimulatedFleet simulated = pcs.start(List.of(SimulatorSettings.defaults().withInventory(SimulatedInventory.emulators(7000, 230))));
        HostInventory inventory = pcs.inventory();

        inventory.refresh();

        assertThat(simulated.host("host-1").requests("GET", "/accounts")).containsExactly(
                "/accounts?page=1&page_size=100", "/accounts?page=2&page_size=100", "/accounts?page=3&page_size=100");
        assertThat(inventory.known().get("host-1").usernames()).hasSize(230);
        assertThat(inventory.hostOfAccount("user_7229")).contains("host-1");
    }

    private static List<String> serials(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(port -> "emulator-" + port).toList();
    }
}
