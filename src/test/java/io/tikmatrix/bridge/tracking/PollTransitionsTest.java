package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.SimulatorSettings.ListOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No change is missed by a poll that does not read the queue, whichever order TikMatrix lists tasks in: with
 * 5,000 tasks queued (held: they stay queued) and finished lists of several pages, each change is seen by the
 * cheap poll where it can be, and by reading the queue or asking the task where it cannot.
 */
class PollTransitionsTest extends PollAgainstSimulatorTest {

    private static final Duration PENDING_FOR = SimulatorSettings.defaults().pendingFor();
    private static final Duration RUNNING_FOR = SimulatorSettings.defaults().runningFor();
    /** The queue's count, the running list and one page of each finished list. */
    private static final int CHEAP_POLL = 4;
    /** A cheap poll, then the whole queue of 5,000 (less one) in pages of 100. */
    private static final int POLL_READING_THE_QUEUE = CHEAP_POLL + 50;

    private List<Long> queued;
    private List<Long> completedHistory;

    PollTransitionsTest() {
        super(SimulatorSettings.DOCUMENTED_MAX_PAGE_SIZE);
    }

    /** 5,000 held tasks first (the lowest ids), then 250 completed and 150 failed ones; nothing tracked yet. */
    private void given(ListOrder order) throws Exception {
        sortedBy(order);
        queued = simulator.queueHeld(5_000);
        completedHistory = history(250, 150);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aTaskCompletingAndOneFailingAreSeenOnTheFinishedLists(ListOrder order) throws Exception {
        given(order);
        long ok = createFollowTasks(1).get(0);
        long bad = createFailingTasks(1).get(0);
        tracker.track(descriptor("ok"), List.of(ok));
        tracker.track(descriptor("bad"), List.of(bad));
        assertThat(seen(poll())).containsExactlyInAnyOrder(ok + " pending", bad + " pending");
        clock.advance(PENDING_FOR);
        assertThat(seen(poll())).containsExactlyInAnyOrder(ok + " running", bad + " running");

        clock.advance(RUNNING_FOR);
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactlyInAnyOrder(ok + " completed", bad + " failed");
        assertThat(askedById()).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL);
        assertThat(tracker.active()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aJumpFromQueuedToCompletedBetweenPollsIsSeenOnTheCompletedList(ListOrder order) throws Exception {
        given(order);
        long task = createFollowTasks(1).get(0);
        tracker.track(descriptor("jump"), List.of(task));
        assertThat(seen(poll())).containsExactly(task + " pending");

        clock.advance(PENDING_FOR.plus(RUNNING_FOR));
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactly(task + " completed");
        assertThat(askedById()).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aQueuedTaskDeletedShortensTheCountAndIsThenMissing(ListOrder order) throws Exception {
        given(order);
        List<Long> mine = queued.subList(0, 3);
        tracker.track(descriptor("queued"), mine);
        poll();
        assertThat(poll()).isEmpty();

        delete(List.of(mine.get(1)));
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactlyInAnyOrder(mine.get(0) + " pending", mine.get(1) + " missing",
                mine.get(2) + " pending");
        assertThat(askedById()).containsExactly("/task/" + mine.get(1));
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(POLL_READING_THE_QUEUE + 1);

        simulator.resetCounters();
        assertThat(poll()).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aQueuedTaskStoppedLandsDeepInTheFailedListAndTheShortCountFindsIt(ListOrder order) throws Exception {
        given(order);
        List<Long> mine = queued.subList(0, 3);
        tracker.track(descriptor("queued"), mine);
        poll();
        poll();

        // its id is older than the 150 failed ones: it lands on a page of the failed list that is not read
        stop(mine.get(1));
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactlyInAnyOrder(mine.get(0) + " pending", mine.get(1) + " failed",
                mine.get(2) + " pending");
        assertThat(askedById()).containsExactly("/task/" + mine.get(1));
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(POLL_READING_THE_QUEUE + 1);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aQueuedTaskDeletedWhileAnotherIsQueuedIsFoundByTheRareReadOfTheQueue(ListOrder order) throws Exception {
        given(order);
        List<Long> mine = queued.subList(0, 3);
        tracker.track(descriptor("queued"), mine);
        poll();

        // the count stays 5,000: no poll can tell from it
        delete(List.of(mine.get(1)));
        simulator.queueHeld(1);
        for (int i = 1; i < StatusPoller.SWEEP_EVERY_POLLS; i++) {
            assertThat(poll()).as("poll %d", i).isEmpty();
        }

        assertThat(seen(poll())).containsExactlyInAnyOrder(mine.get(0) + " pending", mine.get(1) + " missing",
                mine.get(2) + " pending");
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aRunningTaskFoundOnNoListIsAskedById(ListOrder order) throws Exception {
        given(order);
        long task = createFollowTasks(1).get(0);
        tracker.track(descriptor("running"), List.of(task));
        poll();
        clock.advance(PENDING_FOR);
        assertThat(seen(poll())).containsExactly(task + " running");

        delete(List.of(task));
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactly(task + " missing");
        assertThat(askedById()).containsExactly("/task/" + task);
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL + 1);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aFinishedListThatShrankIsReadFromWhereItEndsNow(ListOrder order) throws Exception {
        given(order);
        long task = createFollowTasks(1).get(0);
        tracker.track(descriptor("running"), List.of(task));
        poll();
        clock.advance(PENDING_FOR);
        poll();

        // 250 completed become 130: oldest first, the list no longer reaches page 3, where it ended
        delete(completedHistory.subList(0, 120));
        clock.advance(RUNNING_FOR);
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactly(task + " completed");
        assertThat(askedById()).isEmpty();
        // oldest first: the page it ended on (3, empty now), then the one it ends on
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(order == ListOrder.OLDEST_FIRST ? CHEAP_POLL + 1 : CHEAP_POLL);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void moreFinishedThanAPageHoldsAreReadOverAsManyPages(ListOrder order) throws Exception {
        given(order);
        List<Long> tasks = createFollowTasks(150);
        tracker.track(descriptor("many"), tasks);
        poll();
        clock.advance(PENDING_FOR);
        poll();

        clock.advance(RUNNING_FOR);
        simulator.resetCounters();

        assertThat(poll()).extracting(o -> o.before().taskId()).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(askedById()).isEmpty();
        // 400 completed: newest first, page 1 holds 100 of them and page 2 the other 50; oldest first, page 3
        // (where the list ended) holds 50 and page 4 the rest
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL + 1);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aFinishedListThatShrankWhileMoreFinishedIsReadBackToWhatItShowedBefore(ListOrder order) throws Exception {
        given(order);
        List<Long> tasks = createFollowTasks(150);
        tracker.track(descriptor("many"), tasks);
        poll();
        clock.advance(PENDING_FOR);
        poll();

        // 250 completed become 100, then 250 again: oldest first, the page it ended on (3) holds only new ones
        delete(completedHistory.subList(0, 150));
        clock.advance(RUNNING_FOR);
        simulator.resetCounters();

        assertThat(poll()).extracting(o -> o.before().taskId()).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(askedById()).isEmpty();
        // oldest first: pages 3 and 2 hold only new ones, page 1 the 100 left of those seen before
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(order == ListOrder.OLDEST_FIRST ? CHEAP_POLL + 2 : CHEAP_POLL + 1);
    }

    private List<String> askedById() {
        return simulator.requests("GET", "/task").stream().filter(request -> request.startsWith("/task/")).toList();
    }

    private static List<String> seen(List<Observation> observations) {
        return observations.stream().map(o -> o.before().taskId() + " "
                + (o.isMissing() ? "missing" : List.of("pending", "running", "completed", "failed").get(o.status()))).toList();
    }
}
