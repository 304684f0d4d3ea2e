package io.tikmatrix.bridge.fleet;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatedInventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.tikmatrix.bridge.fleet.HostRoutingTest.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A name no host is known to have makes every host asked again before it is called unroutable, at most once per
 * 10 s: a phone plugged in since the last refresh is found, a name no host has does not ask the hosts every time.
 */
class HostRoutingRefreshTest {

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    private SimulatedFleet simulated;
    private HostRouting routing;

    @BeforeEach
    void twoHostsRefreshedOnce() {
        simulated = pcs.start(2);
        routing = pcs.refreshedRouting();
    }

    @Test
    void aPhonePluggedInSinceTheLastRefreshIsFoundByOneMoreRefresh() throws Exception {
        simulated.host("host-2").plugIn(new SimulatedInventory.Device("R58NEW", true));

        HostRouting.Routing routed = routing.route(body("""
                {"script_name": "post", "serials": ["R58NEW", "emulator-5554"], "script_config": {}}"""));

        assertThat(routed.shares().keySet()).containsExactly("host-1", "host-2");
        assertThat(routed.shares().get("host-2").path("serials").toString()).isEqualTo("[\"R58NEW\"]");
        assertThat(devicesAsked("host-1")).isEqualTo(2);
        assertThat(devicesAsked("host-2")).isEqualTo(2);
    }

    @Test
    void unknownNamesAskTheHostsAtMostOnceInTenSeconds() throws Exception {
        routing.route(body("""
                {"script_name": "post", "serials": ["R58GONE"], "script_config": {}}"""));
        simulated.host("host-1").plugIn(new SimulatedInventory.Device("R58LATE", true));

        HostRouting.Routing routed = routing.route(body("""
                {"script_name": "post", "serials": ["R58LATE"], "usernames": ["ghost"], "script_config": {}}"""));

        assertThat(routed.unroutableSerials()).containsExactly("R58LATE");
        assertThat(routed.unroutableUsernames()).containsExactly("ghost");
        assertThat(devicesAsked("host-1")).isEqualTo(2);
        assertThat(devicesAsked("host-2")).isEqualTo(2);
    }

    @Test
    void knownNamesAskNothing() throws Exception {
        routing.route(body("""
                {"script_name": "post", "serials": ["emulator-5554", "emulator-5590"], "script_config": {}}"""));

        assertThat(devicesAsked("host-1")).isEqualTo(1);
        assertThat(devicesAsked("host-2")).isEqualTo(1);
    }

    private int devicesAsked(String host) {
        return simulated.host(host).requestCount("GET", "/rpc/devices");
    }
}
