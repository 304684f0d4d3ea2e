package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each fire time of a schedule is one POST /task of its task, keyed by the schedule and the fire time
 * (to the second, whatever the jitter).
 */
class ScheduleFiringTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aFiringSubmitsTheTaskUnderItsFireTimeKey() {
        bridge.schedules("""
                schedules:
                  - name: every-second
                    cron: "* * * * * ?"
                    timezone: Asia/Kolkata
                    jitter: 300ms
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 600, comment: "बहुत बढ़िया! 🔥"}
                """);
        bridge.start();

        // a task is received before its key is recorded as submitted: wait for both
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.simulator().receivedTaskBodies().size() >= 2
                && bridge.submittedKeys("schedule:every-second@").size() >= 2);

        JsonNode body = bridge.simulator().receivedTaskBodies().get(0);
        assertThat(body.path("script_name").asText()).isEqualTo("account_warmup");
        assertThat(body.path("serials").get(0).asText()).isEqualTo("emulator-5554");
        assertThat(body.path("script_config").path("comment").asText()).isEqualTo("बहुत बढ़िया! 🔥");
        assertThat(bridge.submittedKeys("schedule:every-second@"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(key -> {
                    OffsetDateTime fireTime = OffsetDateTime.parse(key.substring("schedule:every-second@".length()));
                    assertThat(fireTime.getOffset().getId()).isEqualTo("+05:30");
                    assertThat(fireTime.getNano()).isZero();
                });
    }
}
