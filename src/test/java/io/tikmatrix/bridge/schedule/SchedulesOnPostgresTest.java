package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On PostgreSQL (clusters) Quartz creates its tables in the store's schema and runs clustered. */
class SchedulesOnPostgresTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aScheduleFiresWithItsTriggersInPostgres() throws SQLException {
        String store = TestDatabases.freshPostgresSchema();
        bridge.with("bridge.store.jdbc-url", store);
        bridge.schedules("""
                schedules:
                  - name: every-second
                    cron: "* * * * * ?"
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """);
        bridge.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.simulator().receivedTaskBodies().size() >= 2);
        try (Connection c = DriverManager.getConnection(store)) {
            // PostgreSQL folds Quartz's unquoted names to lower case; they are in the store's own schema
            assertThat(column(c, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name LIKE 'qrtz%'")).containsExactlyInAnyOrder(
                    "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
                    "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
                    "qrtz_scheduler_state", "qrtz_locks");
            assertThat(column(c, "SELECT t.trigger_group || '/' || t.trigger_name || ' ' || c.cron_expression FROM qrtz_triggers t"
                    + " JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)"
                    + " WHERE t.sched_name = 'tikmatrix-bridge'")).containsExactly("schedules/every-second * * * * * ?");
            // only a clustered job store checks its instance in
            assertThat(column(c, "SELECT sched_name FROM qrtz_scheduler_state")).containsExactly("tikmatrix-bridge");
        }
    }

    private static List<String> column(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
