package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge in front of three simulated TikMatrix PCs: each descriptor's devices and accounts go to the host that has
 * them, one call per host, and the receipt line says which host made which tasks.
 */
class FleetSubmissionTest {

    // host-1 has emulator-5554…5573, host-2 emulator-5574…5593, host-3 emulator-5594…5613 (SimulatedFleet)
    private static final String DESCRIPTORS = """
            [{"id": "one-host", "serials": ["emulator-5555"], "script_name": "account_warmup",
              "script_config": {"task_duration": 600}},
             {"id": "two-hosts", "serials": ["emulator-5574", "emulator-5600", "emulator-5575"], "script_name": "account_warmup",
              "script_config": {"task_duration": 600}},
             {"id": "by-account", "usernames": ["user_5610"], "script_name": "account_warmup",
              "script_config": {"task_duration": 600}},
             {"id": "partly-nowhere", "serials": ["emulator-5556", "emulator-9999"], "script_name": "account_warmup",
              "script_config": {"task_duration": 600}}]""";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();
    private SimulatedFleet fleet;

    @BeforeEach
    void start() {
        fleet = SimulatedFleet.start(3);
        fleet.hostProperties().forEach(bridge::with);
        bridge.start();
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @Test
    void eachHostGetsItsOwnDevicesAndTheReceiptSaysWhose() {
        bridge.drop("fleet.json", DESCRIPTORS);
        JsonNode lines = bridge.awaitReceipt("fleet.json").path("descriptors");

        JsonNode oneHost = lines.get(0);
        assertThat(oneHost.path("outcome").asText()).isEqualTo("submitted");
        assertThat(oneHost.path("hosts").fieldNames()).toIterable().containsExactly("host-1");
        assertThat(serialsOf("host-1", oneHost.path("hosts").path("host-1"))).containsExactly("emulator-5555");
        assertThat(oneHost.path("hosts").path("host-1").path("key").asText()).isEqualTo("one-host@host-1");

        JsonNode twoHosts = lines.get(1);
        assertThat(twoHosts.path("outcome").asText()).isEqualTo("submitted");
        assertThat(twoHosts.path("hosts").fieldNames()).toIterable().containsExactly("host-2", "host-3");
        assertThat(serialsOf("host-2", twoHosts.path("hosts").path("host-2"))).containsExactly("emulator-5574", "emulator-5575");
        assertThat(serialsOf("host-3", twoHosts.path("hosts").path("host-3"))).containsExactly("emulator-5600");
        assertThat(twoHosts.path("task_ids")).hasSize(3);

        JsonNode byAccount = lines.get(2);
        assertThat(byAccount.path("hosts").fieldNames()).toIterable().containsExactly("host-3");
        assertThat(fleet.host("host-3").task(byAccount.path("hosts").path("host-3").path("task_ids").get(0).asLong())
                .orElseThrow().username()).isEqualTo("user_5610");

        JsonNode partly = lines.get(3);
        assertThat(partly.path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(partly.path("code").asText()).isEqualTo("unroutable");
        assertThat(partly.path("hosts").path("host-1").path("outcome").asText()).isEqualTo("submitted");
        assertThat(serialsOf("host-1", partly.path("hosts").path("host-1"))).containsExactly("emulator-5556");
        assertThat(partly.path("hosts").path("unroutable").path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(partly.path("reason").asText()).contains("fleet.json item 4").contains("[emulator-9999]");

        JsonNode record = bridge.awaitDeadLetters("unroutable", 1).get(0);
        assertThat(record.toString()).contains("partly-nowhere@unroutable").contains("emulator-9999").doesNotContain("emulator-5556");

        // one call per host and share: host-1 two (one-host, partly-nowhere), host-2 one, host-3 two
        assertThat(fleet.host("host-1").requestCount("POST", "/task")).isEqualTo(2);
        assertThat(fleet.host("host-2").requestCount("POST", "/task")).isEqualTo(1);
        assertThat(fleet.host("host-3").requestCount("POST", "/task")).isEqualTo(2);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isZero();
        // four descriptors, however many hosts they went to
        assertThat(bridge.bridge().camelContext().getRegistry().lookupByNameAndType("bridgeMetrics", BridgeMetrics.class)
                .descriptorsLastMinute()).isEqualTo(4);
    }

    @Test
    void aTasksEventsNameItsHost() {
        bridge.drop("one.json", "{\"serials\": [\"emulator-5580\"], \"script_name\": \"account_warmup\","
                + " \"script_config\": {\"task_duration\": 600}}");
        long id = bridge.awaitReceipt("one.json").path("descriptors").get(0).path("hosts").path("host-2").path("task_ids")
                .get(0).asLong();

        JsonNode created = bridge.awaitEvent("host-2-" + id + "-0");
        assertThat(created.path("subject").asText()).isEqualTo("host-2-" + id);
        assertThat(created.path("data").path("host").asText()).isEqualTo("host-2");
        assertThat(created.path("data").path("task_id").asLong()).isEqualTo(id);
        assertThat(created.path("data").path("serial").asText()).isEqualTo("emulator-5580");
    }

    /** The serials of the tasks a share's line names, as the host that made them holds them. */
    private List<String> serialsOf(String host, JsonNode share) {
        List<String> serials = new ArrayList<>();
        share.path("task_ids").forEach(id -> serials.add(fleet.host(host).task(id.asLong()).map(Task::serial).orElse("none")));
        return serials;
    }
}
