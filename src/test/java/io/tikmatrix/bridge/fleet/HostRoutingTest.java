package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A descriptor's serials and usernames split by host, in host order, and the names no host has. */
class HostRoutingTest {

    @RegisterExtension
    final SimulatedPcs pcs = new SimulatedPcs();

    private SimulatedFleet simulated;
    private HostRouting routing;

    @BeforeEach
    void threeHosts() {
        simulated = pcs.start(3);
        routing = pcs.refreshedRouting();
    }

    @Test
    void splitsSerialsAndUsernamesByHostInHostOrder() throws Exception {
        ObjectNode body = body("""
                {"script_name": "follow", "serials": ["emulator-5600", "emulator-5554", "emulator-5556"],
                 "usernames": ["user_5580"], "script_config": {"target_users": ["a"]}}""");
        ObjectNode before = body.deepCopy();

        HostRouting.Routing routed = routing.route(body);

        assertThat(routed.shares().keySet()).containsExactly("host-1", "host-2", "host-3");
        assertThat(routed.shares().get("host-1")).isEqualTo(body("""
                {"script_name": "follow", "serials": ["emulator-5554", "emulator-5556"], "script_config": {"target_users": ["a"]}}"""));
        assertThat(routed.shares().get("host-2")).isEqualTo(body("""
                {"script_name": "follow", "usernames": ["user_5580"], "script_config": {"target_users": ["a"]}}"""));
        assertThat(routed.shares().get("host-3")).isEqualTo(body("""
                {"script_name": "follow", "serials": ["emulator-5600"], "script_config": {"target_users": ["a"]}}"""));
        assertThat(routed.unroutableSerials()).isEmpty();
        assertThat(routed.unroutableUsernames()).isEmpty();
        assertThat(routed.partlyUnroutable()).isFalse();
        assertThat(body).isEqualTo(before);
    }

    @Test
    void listsTheNamesNoHostHasAndRoutesTheRest() throws Exception {
        HostRouting.Routing routed = routing.route(body("""
                {"script_name": "post", "serials": ["emulator-5554", "R58GONE", 5555], "usernames": ["ghost"],
                 "script_config": {}}"""));

        assertThat(routed.shares().keySet()).containsExactly("host-1");
        assertThat(routed.shares().get("host-1")).isEqualTo(body("""
                {"script_name": "post", "serials": ["emulator-5554"], "script_config": {}}"""));
        assertThat(routed.unroutableSerials()).containsExactly("R58GONE", "5555");
        assertThat(routed.unroutableUsernames()).containsExactly("ghost");
        assertThat(routed.partlyUnroutable()).isTrue();
    }

    @Test
    void aDescriptorOfNoKnownNameHasNoShare() throws Exception {
        HostRouting.Routing routed = routing.route(body("""
                {"script_name": "post", "serials": ["R58GONE"], "script_config": {}}"""));

        assertThat(routed.shares()).isEmpty();
        assertThat(routed.unroutableSerials()).containsExactly("R58GONE");
    }

    static ObjectNode body(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }
}
