package io.tikmatrix.bridge.tracking;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller pages by the server's answer: a TikMatrix that serves 20 tasks a page is read to its total, not to page 1. */
class PollPagingTest extends PollAgainstSimulatorTest {

    private static final int SERVED_PAGE_SIZE = 20;

    PollPagingTest() {
        super(SERVED_PAGE_SIZE);
    }

    @Test
    void aServerCappingPagesAtTwentyIsPagedToItsTotalWithoutAskingTasksOneByOne() throws Exception {
        List<Long> ids = createFollowTasks(150);
        tracker.track(descriptor("active"), ids);
        simulator.resetCounters();

        List<Observation> seen = poller.observe();

        assertThat(seen).extracting(observation -> observation.before().taskId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen).extracting(Observation::status).containsOnly(0);
        // the first poll reads the whole queue: its count, ceil(150 / 20) = 8 pages of pending tasks, then one
        // (empty) page of running ones and one of each finished list
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(1 + 8 + 1 + 2);
        assertThat(ids).allSatisfy(id -> assertThat(simulator.requestCount("GET", "/task/" + id)).isZero());
    }
}
