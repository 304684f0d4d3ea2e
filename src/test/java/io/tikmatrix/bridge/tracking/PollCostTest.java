package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A poll costs what the activity costs: 10,000 tracked tasks of which 200 are active take three list pages, not 10,000 GETs. */
class PollCostTest extends PollAgainstSimulatorTest {

    PollCostTest() {
        super(SimulatorSettings.DOCUMENTED_MAX_PAGE_SIZE);
    }

    @Test
    void aPollOfTenThousandTrackedTasksWithTwoHundredActiveTakesThreeRequests() throws Exception {
        tracker.track(descriptor("history"), createFollowTasks(9_800));
        clock.advance(Duration.ofHours(1));
        // the history as earlier polls would have left it: completed, no longer active
        tracker.apply(tracker.active().stream().map(t -> new Observation(t, 2, null, null)).toList());
        tracker.track(descriptor("active"), createFollowTasks(200));
        assertThat(tracker.active()).hasSize(200);

        simulator.resetCounters();
        long started = System.nanoTime();
        List<Observation> seen = poller.observe();
        tracker.apply(seen);
        long millis = (System.nanoTime() - started) / 1_000_000;

        int requests = simulator.requestCount("GET", "/task");
        System.out.printf("poll of 10,000 tracked tasks (200 active): %d requests, %d ms%n", requests, millis);
        assertThat(seen).hasSize(200);
        // the pending list in two pages of 100 (its total of 200 then seen), the running list in one empty page,
        // and no GET /task/{id}: every tracked active task is in a list
        assertThat(requests).isEqualTo(3);
    }
}
