package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.SimulatorSettings.ListOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        List<Long> mine = trackThreeQueued(order);

        delete(List.of(mine.get(1)));

        assertQueueReadAndMiddleOneAsked(mine, "missing");

        simulator.resetCounters();
        assertThat(poll()).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aQueuedTaskStoppedLandsDeepInTheFailedListAndTheShortCountFindsIt(ListOrder order) throws Exception {
        List<Long> mine = trackThreeQueued(order);

        // its id is older than the 150 failed ones: it lands on a page of the failed list that is not read
        stop(mine.get(1));

        assertQueueReadAndMiddleOneAsked(mine, "failed");
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aQueuedTaskDeletedWhileAnotherIsQueuedIsFoundByTheRareReadOfTheQueue(ListOrder order) throws Exception {
        List<Long> mine = trackThreeQueued(order);

        // the count stays 5,000: no poll can tell from it, until the 120th after the one that read the queue
        delete(List.of(mine.get(1)));
        simulator.queueHeld(1);
        for (int i = 2; i < StatusPoller.SWEEP_EVERY_POLLS; i++) {
            assertThat(poll()).as("poll %d", i).isEmpty();
        }

        assertThat(seen(poll())).containsExactlyInAnyOrder(mine.get(0) + " pending", mine.get(1) + " missing",
                mine.get(2) + " pending");
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aRunningTaskFoundOnNoListIsAskedById(ListOrder order) throws Exception {
        long task = trackRunning(order, 1).get(0);

        delete(List.of(task));
        simulator.resetCounters();

        assertThat(seen(poll())).containsExactly(task + " missing");
        assertThat(askedById()).containsExactly("/task/" + task);
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL + 1);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void moreFinishedThanAPageHoldsAreReadOverAsManyPages(ListOrder order) throws Exception {
        List<Long> tasks = trackRunning(order, 150);

        assertCompletedSeenOnTheList(tasks);
        // 400 completed: newest first, page 1 holds 100 of them and page 2 the other 50; oldest first, page 3
        // (where the list ended) holds 50 and page 4 the rest
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL + 1);
    }

    /**
     * 250 completed, of which some are deleted while tasks complete. 120 deleted, 1 completing: oldest first, the
     * list no longer reaches page 3, where it ended; it is read from page 2, where it ends now. 150 deleted, 150
     * completing: oldest first, page 3 holds only new ones, and so does page 2; page 1 holds the 100 left of those
     * seen before. Newest first, deletions do not move the new ones off page 1 and 2.
     */
    @ParameterizedTest
    @CsvSource({"OLDEST_FIRST, 120, 1, 2", "NEWEST_FIRST, 120, 1, 1", "OLDEST_FIRST, 150, 150, 3", "NEWEST_FIRST, 150, 150, 2"})
    void aFinishedListThatShrankIsReadFromWhereItEndsNowBackToWhatItShowedBefore(ListOrder order, int deleted,
                                                                                 int completing, int completedPages) throws Exception {
        List<Long> tasks = trackRunning(order, completing);

        delete(completedHistory.subList(0, deleted));

        assertCompletedSeenOnTheList(tasks);
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL - 1 + completedPages);
    }

    /** {@link #given}, and {@code count} tracked tasks, seen queued by a first poll and running by a second. */
    private List<Long> trackRunning(ListOrder order, int count) throws Exception {
        given(order);
        List<Long> tasks = createFollowTasks(count);
        tracker.track(descriptor("running"), tasks);
        poll();
        clock.advance(PENDING_FOR);
        assertThat(seen(poll())).containsExactlyInAnyOrderElementsOf(tasks.stream().map(id -> id + " running").toList());
        return tasks;
    }

    /** Once they have run, the next poll sees each of them on the completed list, and asks none by id. */
    private void assertCompletedSeenOnTheList(List<Long> tasks) {
        clock.advance(RUNNING_FOR);
        simulator.resetCounters();
        assertThat(seen(poll())).containsExactlyInAnyOrderElementsOf(tasks.stream().map(id -> id + " completed").toList());
        assertThat(askedById()).isEmpty();
    }

    /** {@link #given}, three of the held tasks tracked, a first poll that reads the queue and a second that counts it. */
    private List<Long> trackThreeQueued(ListOrder order) throws Exception {
        given(order);
        List<Long> mine = queued.subList(0, 3);
        tracker.track(descriptor("queued"), mine);
        assertThat(seen(poll())).containsExactlyInAnyOrderElementsOf(mine.stream().map(id -> id + " pending").toList());
        simulator.resetCounters();
        assertThat(poll()).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(CHEAP_POLL);
        return mine;
    }

    /** The next poll reads the whole queue, finds the middle one of three nowhere, and asks it alone by id. */
    private void assertQueueReadAndMiddleOneAsked(List<Long> mine, String middleBecame) {
        simulator.resetCounters();
        assertThat(seen(poll())).containsExactlyInAnyOrder(mine.get(0) + " pending", mine.get(1) + " " + middleBecame,
                mine.get(2) + " pending");
        assertThat(askedById()).containsExactly("/task/" + mine.get(1));
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(POLL_READING_THE_QUEUE + 1);
    }

    private List<String> askedById() {
        return simulator.requests("GET", "/task").stream().filter(request -> request.startsWith("/task/")).toList();
    }

    private static List<String> seen(List<Observation> observations) {
        return observations.stream().map(o -> o.before().taskId() + " "
                + (o.isMissing() ? "missing" : List.of("pending", "running", "completed", "failed").get(o.status()))).toList();
    }
}
