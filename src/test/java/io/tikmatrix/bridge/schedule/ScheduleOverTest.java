package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schedule whose cron names a year gone by (a campaign's date) is over: the bridge starts, says so, and runs the
 * others. Quartz refuses a trigger that will never fire, and that refusal once stopped the whole start.
 */
class ScheduleOverTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(ScheduleRoutes.class);

    @Test
    void aScheduleWithNoFireTimeLeftDoesNotStopTheOthers() {
        bridge.schedules("""
                schedules:
                  - name: diwali-2020
                    cron: "0 0 9 14 11 ? 2020"
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                  - name: every-second
                    cron: "* * * * * ?"
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5556"]
                      script_config: {task_duration: 60}
                """);
        bridge.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:every-second@").isEmpty());
        assertThat(logs.all()).contains("schedule diwali-2020: its cron 0 0 9 14 11 ? 2020 has no fire time left; it does not run");
        assertThat(bridge.submittedKeys("schedule:diwali-2020@")).isEmpty();
    }
}
