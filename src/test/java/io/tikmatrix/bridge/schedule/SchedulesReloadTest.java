package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
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

    @BeforeEach
    void startWithAlpha() {
        bridge.with("bridge.schedules.reload-interval", "200ms");
        bridge.schedules(schedule("alpha", "* * * * * ?"));
        bridge.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:alpha@").isEmpty());
    }

    @Test
    void aValidEditRemovesTheDroppedScheduleAndAddsTheNewOne() throws InterruptedException {
        bridge.schedules(schedule("beta", "* * * * * ?"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:beta@").isEmpty());
        int alphaFirings = bridge.submittedKeys("schedule:alpha@").size();
        Thread.sleep(2_000);

        assertThat(bridge.submittedKeys("schedule:alpha@")).as("alpha no longer fires").hasSize(alphaFirings);
        assertThat(bridge.submittedKeys("schedule:beta@")).hasSizeGreaterThan(1);
    }

    @Test
    void anInvalidEditIsRefusedAndTheRunningSchedulesGoOn() throws InterruptedException {
        bridge.schedules(schedule("beta", "* * * * * ?") + schedule("gamma", "not a cron").replace("schedules:\n", ""));
        Thread.sleep(1_000); // five reload intervals: the edit has been seen
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
