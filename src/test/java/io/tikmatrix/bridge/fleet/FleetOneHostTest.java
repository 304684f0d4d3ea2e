package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.tikmatrix.bridge.fleet.HostRoutingTest.body;
import static org.assertj.core.api.Assertions.assertThat;

/** With no host declared, the bridge's one TikMatrix gets every descriptor whole and is asked nothing more. */
class FleetOneHostTest {

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    private final TikMatrixSimulator simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void routesTheWholeBodyToDefaultWithoutARequest() throws Exception {
        BridgeConfig config = pcs.config(Map.of("tikmatrix.base-url", simulator.baseUrl()));
        Fleet fleet = Fleet.from(config);
        HostInventory inventory = new HostInventory(fleet, config);
        HostRouting routing = new HostRouting(fleet, inventory);
        ObjectNode body = body("""
                {"script_name": "post", "serials": ["R58ANY", "emulator-5554"], "usernames": ["ghost"], "script_config": {}}""");

        inventory.refresh();
        HostRouting.Routing routed = routing.route(body);

        assertThat(routed.shares()).containsOnlyKeys("default");
        assertThat(routed.shares().get("default")).isSameAs(body);
        assertThat(routed.unroutableSerials()).isEmpty();
        assertThat(routed.unroutableUsernames()).isEmpty();
        assertThat(inventory.hostOfSerial("R58ANY")).contains("default");
        assertThat(inventory.hostOfAccount("ghost")).contains("default");
        assertThat(inventory.known()).isEmpty();
        assertThat(simulator.requestCount("GET", "/")).isZero();
        assertThat(simulator.requestCount("POST", "/")).isZero();
    }
}
