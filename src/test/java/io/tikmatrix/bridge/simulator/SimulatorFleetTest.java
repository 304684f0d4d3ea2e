package io.tikmatrix.bridge.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Several simulated PCs in one process: disjoint books, their properties, and a PC switched off and on. */
class SimulatorFleetTest {

    private SimulatedFleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void givesEachHostTheNextTwentyEmulatorsAndTheirAccounts() throws Exception {
        fleet = SimulatedFleet.start(3);

        assertThat(fleet.names()).containsExactly("host-1", "host-2", "host-3");
        assertThat(serials("host-1")).containsExactlyElementsOf(SimulatorDevicesTest.serials(5554, 20));
        assertThat(serials("host-2")).containsExactlyElementsOf(SimulatorDevicesTest.serials(5574, 20));
        assertThat(serials("host-3")).containsExactlyElementsOf(SimulatorDevicesTest.serials(5594, 20));
        ApiClient host2 = new ApiClient(fleet.baseUrl("host-2"));
        assertThat(host2.get("/accounts").data().path("accounts").get(0).path("username").asText()).isEqualTo("user_5574");
        assertThat(host2.get("/accounts").data().path("total").asInt()).isEqualTo(20);
    }

    @Test
    void hostPropertiesDeclareEveryHostAtItsBaseUrl() {
        fleet = SimulatedFleet.start(2);

        assertThat(fleet.hostProperties()).containsExactly(
                entry("tikmatrix.hosts.host-1.base-url", "http://127.0.0.1:" + fleet.host("host-1").port() + "/api/v1"),
                entry("tikmatrix.hosts.host-2.base-url", "http://127.0.0.1:" + fleet.host("host-2").port() + "/api/v1"));
    }

    @Test
    void aHostDownRefusesConnectionsAndComesBackOnItsPortWithItsTasks() throws Exception {
        fleet = SimulatedFleet.start(2);
        String baseUrl = fleet.baseUrl("host-1");
        ApiClient host1 = new ApiClient(baseUrl);
        long[] ids = host1.createTasks("""
                {"serials": ["emulator-5554"], "script_name": "post", "script_config": {}}""");

        fleet.down("host-1");

        assertThatThrownBy(() -> host1.get("/rpc/devices")).isInstanceOf(ConnectException.class);
        assertThat(new ApiClient(fleet.baseUrl("host-2")).get("/rpc/devices").code()).isZero();

        fleet.up("host-1");

        assertThat(fleet.baseUrl("host-1")).isEqualTo(baseUrl);
        assertThat(host1.get("/task/" + ids[0]).code()).isZero();
        assertThat(serials("host-1")).hasSize(20);
    }

    private List<String> serials(String host) throws Exception {
        return new ApiClient(fleet.baseUrl(host)).get("/rpc/devices").data().findValuesAsText("serial");
    }
}
