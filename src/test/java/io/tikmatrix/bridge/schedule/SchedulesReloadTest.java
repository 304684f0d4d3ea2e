package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An edited schedules file is applied while the bridge runs; an invalid edit leaves the running schedules as they were. */
class SchedulesReloadTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();
    /** The reload's refusal is the event an invalid edit is waited for by. */
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(SchedulesReload.class);

    @BeforeEach
    void startWithAlpha() {
        bridge.with("bridge.schedules.reload-interval", "200ms");
        bridge.schedules(schedule("alpha", "* * * * * ?"));
        bridge.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:alpha@").isEmpty());
    }

    @Test
    void aValidEditRemovesTheDroppedScheduleAndAddsTheNewOne() {
        bridge.schedules(schedule("beta", "* * * * * ?"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:beta@").isEmpty());
        int alphaFirings = bridge.submittedKeys("schedule:alpha@").size();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(bridge.submittedKeys("schedule:alpha@")).as("alpha no longer fires").hasSize(alphaFirings));
        assertThat(bridge.submittedKeys("schedule:beta@")).hasSizeGreaterThan(1);
    }

    @Test
    void anInvalidEditIsRefusedAndTheRunningSchedulesGoOn() {
        bridge.schedules(schedule("beta", "* * * * * ?") + schedule("gamma", "not a cron").replace("schedules:\n", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.all().contains("changed but is invalid"));
        int alphaFirings = bridge.submittedKeys("schedule:alpha@").size();

        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.submittedKeys("schedule:alpha@").size() > alphaFirings + 1);
        assertThat(bridge.submittedKeys("schedule:beta@")).isEmpty();
    }

    private static String schedule(String name, String cron) {
        return """
                schedules:
                  - name: %s
                    cron: "%s"
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """.formatted(name, cron);
    }
}
