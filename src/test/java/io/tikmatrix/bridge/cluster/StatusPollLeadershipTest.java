package io.tikmatrix.bridge.cluster;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bridge on a shared PostgreSQL store while another bridge leads the status poll: it does not poll, its health
 * stays UP (its poll route is stopped on purpose), and it polls once the leader's session is gone.
 */
class StatusPollLeadershipTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults()
            .withPendingFor(Duration.ofMillis(200)).withRunningFor(Duration.ofMillis(200)));

    @Test
    void aFollowerLeavesThePollToTheLeaderStaysUpAndTakesOverWhenItGoes() throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        long taskId;
        try (Connection leader = DriverManager.getConnection(store)) {
            holdStatusPollLock(leader);
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
        // the leader's session ended, as when its bridge dies: this bridge polls within a third of the fail-over
        await("the poll taken over").atMost(Duration.ofSeconds(3)).until(() -> bridge.simulator().requestCount("GET", "/task") > 0);
        await("the task's final event").atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(bridge.dir("events").resolve(taskId + "-2.json")));
    }

    /** What the leading bridge's session holds (StoreLeadership's key for the namespace status-poll). */
    private static void holdStatusPollLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, "tikmatrix-bridge/status-poll".hashCode());
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
        }
    }
}
