package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.schedule.EveryFourSeconds;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tikmatrix.bridge.schedule.EveryFourSeconds.PERIOD_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schedule is intake: a fire time that passes while the licence is refused is a missed fire time, and the
 * schedule's misfire rule decides, when the licence is back, as after a restart. No fire time is submitted twice.
 */
class HeldScheduleTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void fireOnceSubmitsTheFireTimeMissedWhileHeldOnceTheLicenceIsBack() {
        Instant missed = holdOverAFireTime("fire-once");

        await().atMost(Duration.ofSeconds(15)).until(() -> fireTimes().contains(missed.plusSeconds(PERIOD_SECONDS)));

        assertThat(fireTimes()).contains(missed);
        assertThat(bridge.simulator().tasks()).as("one task per fire time").hasSize(fireTimes().size());
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    @Test
    void skipLeavesTheFireTimeMissedWhileHeldOut() {
        Instant missed = holdOverAFireTime("skip");

        await().atMost(Duration.ofSeconds(15)).until(() -> fireTimes().contains(missed.plusSeconds(PERIOD_SECONDS)));

        assertThat(fireTimes()).doesNotContain(missed);
        assertThat(bridge.simulator().tasks()).hasSize(fireTimes().size());
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    /**
     * Refuses the licence once the schedule has fired, keeps it refused until a fire time is more than the misfire
     * threshold late, and gives it back.
     *
     * @return that fire time
     */
    private Instant holdOverAFireTime(String misfire) {
        EveryFourSeconds.schedule(bridge, misfire);
        bridge.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !fireTimes().isEmpty());
        bridge.simulator().faults().setPlan(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_LICENCE);

        // the first fire time at least a second into the hold, so that it comes while the trigger is paused
        long after = Instant.now().plusSeconds(1).getEpochSecond();
        Instant missed = Instant.ofEpochSecond((after / PERIOD_SECONDS + 1) * PERIOD_SECONDS);
        List<Instant> beforeTheHold = fireTimes();
        Instant lateByMoreThanTheThreshold = missed.plusMillis(900);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lateByMoreThanTheThreshold));
        assertThat(fireTimes()).as("nothing is submitted while held").isEqualTo(beforeTheHold);

        bridge.simulator().faults().setPlan(true);
        return missed;
    }

    private List<Instant> fireTimes() {
        return EveryFourSeconds.fireTimes(bridge);
    }
}
