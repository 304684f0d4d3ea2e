package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** On PostgreSQL (clusters) Quartz creates its tables in the store's schema and runs clustered. */
class SchedulesOnPostgresTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aScheduleFiresWithItsTriggersInPostgres() {
        bridge.with("bridge.store.jdbc-url", TestDatabases.freshPostgresSchema());
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
    }
}
