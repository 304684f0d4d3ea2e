package io.tikmatrix.bridge.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.StoreLeadership;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bridge on a shared PostgreSQL store while another bridge (its leadership, in this JVM) leads the status poll: it
 * does not poll, its health stays UP (its poll route is stopped on purpose), and it polls once the other is gone.
 */
class StatusPollLeadershipTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults()
            .withPendingFor(Duration.ofMillis(200)).withRunningFor(Duration.ofMillis(200)));

    @Test
    void aFollowerLeavesThePollToTheLeaderStaysUpAndTakesOverWhenItGoes() throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        long taskId;
        try (HikariDataSource otherBridgesPool = StoreDataSource.open(store, "", "");
             DefaultCamelContext otherBridge = new DefaultCamelContext()) {
            StoreLeadership leadership = new StoreLeadership(otherBridgesPool, Duration.ofMillis(100));
            otherBridge.addService(leadership);
            otherBridge.start();
            CamelClusterView leading = leadership.getView("status-poll");
            await("the other bridge leads").atMost(Duration.ofSeconds(5)).until(() -> leading.getLocalMember().isLeader());

            bridge.with("bridge.store.jdbc-url", store).with("bridge.cluster.failover", "3s")
                    .with("bridge.status.poll-interval", "100ms");
            AdminClient admin = new AdminClient(bridge.startWithAdminPort());
            bridge.drop("one.json", """
                    {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {}}""");
            taskId = bridge.awaitReceipt("one.json").path("descriptors").path(0).path("task_ids").path(0).asLong();
            assertThat(bridge.simulator().task(taskId)).isPresent();

            await("no poll while another bridge leads").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> bridge.simulator().requestCount("GET", "/task") == 0);
            assertThat(Files.exists(bridge.dir("events").resolve(taskId + "-2.json"))).isFalse();
            AdminClient.Answer health = admin.get("/observe/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        }
        // the other bridge is gone, and its session with it: this bridge polls within a third of the fail-over
        await("the poll taken over").atMost(Duration.ofSeconds(3)).until(() -> bridge.simulator().requestCount("GET", "/task") > 0);
        await("the task's final event").atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(bridge.dir("events").resolve(taskId + "-2.json")));
    }
}
