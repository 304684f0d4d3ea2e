package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.TempDirs;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's simulated PCs, switched off after it, and the configuration of a bridge over them in a folder of the
 * test's own, with short time-outs.
 */
final class SimulatedPcs implements BeforeEachCallback, AfterEachCallback {

    private Path home;
    private SimulatedFleet fleet;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("tikmatrix-fleet-test");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (fleet != null) {
            fleet.close();
        }
        TempDirs.delete(home);
    }

    /** {@code count} PCs with the default settings, each with its own 20 phones. */
    SimulatedFleet start(int count) {
        fleet = SimulatedFleet.start(count);
        return fleet;
    }

    /** One PC per settings, {@code host-1} with the first. */
    SimulatedFleet start(List<SimulatorSettings> settings) {
        fleet = SimulatedFleet.start(settings);
        return fleet;
    }

    BridgeConfig config(Map<String, String> keys) {
        Map<String, String> overrides = new LinkedHashMap<>(keys);
        overrides.put("tikmatrix.connect-timeout", "2s");
        overrides.put("tikmatrix.response-timeout", "5s");
        return BridgeConfig.load(home, overrides);
    }

    /** A bridge's configuration over the PCs started. */
    BridgeConfig config() {
        return config(fleet.hostProperties());
    }

    HostInventory inventory() {
        BridgeConfig config = config();
        return new HostInventory(Fleet.from(config), config);
    }

    /** The routing of a bridge over the PCs, each asked once already. */
    HostRouting refreshedRouting() {
        BridgeConfig config = config();
        Fleet fleet = Fleet.from(config);
        HostInventory inventory = new HostInventory(fleet, config);
        inventory.refresh();
        return new HostRouting(fleet, inventory);
    }
}
