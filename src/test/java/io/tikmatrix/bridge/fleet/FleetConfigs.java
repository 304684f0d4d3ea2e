package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.simulator.SimulatedFleet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration of a bridge in a test's folder, over a simulated fleet, with short time-outs. */
final class FleetConfigs {

    private FleetConfigs() {
    }

    static BridgeConfig of(Path home, Map<String, String> keys) {
        Map<String, String> overrides = new LinkedHashMap<>(keys);
        overrides.put("tikmatrix.connect-timeout", "2s");
        overrides.put("tikmatrix.response-timeout", "5s");
        return BridgeConfig.load(home, overrides);
    }

    static BridgeConfig of(Path home, SimulatedFleet fleet) {
        return of(home, fleet.hostProperties());
    }

    /** The routing of a bridge over the fleet, its hosts asked once already. */
    static HostRouting refreshedRouting(Path home, SimulatedFleet simulated) {
        BridgeConfig config = of(home, simulated);
        Fleet fleet = Fleet.from(config);
        HostInventory inventory = new HostInventory(fleet, config);
        inventory.refresh();
        return new HostRouting(fleet, inventory);
    }

    static HostInventory inventory(Path home, SimulatedFleet simulated) {
        BridgeConfig config = of(home, simulated);
        return new HostInventory(Fleet.from(config), config);
    }
}
