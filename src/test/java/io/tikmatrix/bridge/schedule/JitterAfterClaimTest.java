package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schedule's jitter is waited once its fire time is claimed in the journal: a bridge that stops during the wait
 * leaves the fire time to be taken up at the next start, where it was once dropped with the wait.
 */
class JitterAfterClaimTest {

    private static final String KEYS = "schedule:once@";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aFireTimeWaitingOutItsJitterWhenTheBridgeStopsIsTakenUpAtTheNextStart() {
        // a fire time seconds from now, the next a year later; its jitter (up to an hour) outlasts the bridge
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        bridge.schedules("""
                schedules:
                  - name: once
                    cron: "%d %d %d %d %d ?"
                    timezone: UTC
                    jitter: 1h
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """.formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(), at.getMonthValue()));
        bridge.start();
        List<String> claimed = await("the fire time claimed").atMost(Duration.ofSeconds(20))
                .until(() -> bridge.keysInFlight(KEYS), keys -> !keys.isEmpty());
        assertThat(bridge.simulator().receivedTaskBodies()).as("still waiting out its jitter").isEmpty();

        bridge.restart();

        await("the fire time taken up").atMost(Duration.ofSeconds(20)).until(() -> bridge.submittedKeys(KEYS), claimed::equals);
        assertThat(bridge.simulator().receivedTaskBodies()).singleElement()
                .satisfies(body -> assertThat(body.path("script_name").asText()).isEqualTo("account_warmup"));
    }
}
