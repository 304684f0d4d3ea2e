package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fire time that passes while the bridge is down: Quartz's triggers live in the store, so the next
 * start knows it was missed. fire-once fires it once, under its own key; skip leaves it out. Either way
 * no fire time is submitted twice.
 */
class MissedFireTimeTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void fireOnceSubmitsTheMissedFireTimeOnceAfterTheRestart() {
        Instant fired = stopRightAfterAFiringAndMissTheNext("fire-once");
        Instant missed = fired.plusSeconds(4);

        // the first fire time after the restart: fired + 8s, or a later one when the restart itself is slow
        await().atMost(Duration.ofSeconds(15)).until(() -> fireTimes().stream().anyMatch(missed::isBefore));

        assertThat(fireTimes().subList(0, 2)).as("the missed fire time, once, in its place").containsExactly(fired, missed);
        assertThat(fireTimes().get(2)).isAfter(missed);
        assertThat(bridge.simulator().tasks()).as("one task per fire time").hasSize(fireTimes().size());
    }

    @Test
    void skipLeavesTheMissedFireTimeOut() {
        Instant fired = stopRightAfterAFiringAndMissTheNext("skip");
        Instant missed = fired.plusSeconds(4);

        // the first fire time after the restart: fired + 8s, or a later one when the restart itself is slow
        await().atMost(Duration.ofSeconds(15)).until(() -> fireTimes().stream().anyMatch(missed::isBefore));

        assertThat(fireTimes()).contains(fired).doesNotContain(missed);
        assertThat(fireTimes().get(1)).isAfter(missed);
        assertThat(bridge.simulator().tasks()).as("one task per fire time").hasSize(fireTimes().size());
    }

    /** @return the fire time just submitted; the bridge is back up once the next one is more than the misfire threshold late */
    private Instant stopRightAfterAFiringAndMissTheNext(String misfire) {
        EveryFourSeconds.schedule(bridge, misfire);
        bridge.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !fireTimes().isEmpty());
        bridge.stop();
        Instant fired = fireTimes().get(fireTimes().size() - 1);

        Instant missedByMoreThanTheThreshold = fired.plusSeconds(4).plusMillis(900);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(missedByMoreThanTheThreshold));
        assertThat(fireTimes()).as("nothing fires while the bridge is down").containsExactly(fired);
        bridge.start();
        return fired;
    }

    private List<Instant> fireTimes() {
        return EveryFourSeconds.fireTimes(bridge);
    }
}
