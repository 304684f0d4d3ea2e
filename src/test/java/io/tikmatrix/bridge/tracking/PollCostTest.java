package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.SimulatorSettings.ListOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll costs what can change, not the queue: with 5,000 tasks queued in TikMatrix, 20 running and a long
 * history of finished ones, a poll in which nothing changes asks four things, whichever order the list is in.
 */
class PollCostTest extends PollAgainstSimulatorTest {

    PollCostTest() {
        super(SimulatorSettings.DOCUMENTED_MAX_PAGE_SIZE);
    }

    @ParameterizedTest
    @EnumSource(ListOrder.class)
    void aPollWithFiveThousandQueuedAndTwentyRunningAndNothingChangingTakesFourRequests(ListOrder order) throws Exception {
        sortedBy(order);
        history(1_050, 230);
        Queue queue = queue(20, 5_000);
        simulator.resetCounters();

        List<Observation> first = poll();
        int firstCost = simulator.requestCount("GET", "/task");
        simulator.resetCounters();
        List<Observation> second = poll();
        int secondCost = simulator.requestCount("GET", "/task");
        List<String> asked = simulator.requests("GET", "/task");
        simulator.resetCounters();
        poll();
        int thirdCost = simulator.requestCount("GET", "/task");
        System.out.printf("%s: 5,000 queued, 20 running, nothing changing: first poll %d requests, then %d, %d%n",
                order, firstCost, secondCost, thirdCost);

        // the first poll knows nothing yet, so it sees the whole queue: every tracked task, with its status
        assertThat(first).hasSize(5_020);
        assertThat(first).filteredOn(o -> o.status() == 1).extracting(o -> o.before().taskId())
                .containsExactlyInAnyOrderElementsOf(queue.running());
        assertThat(first).filteredOn(o -> o.status() == 0).hasSize(5_000);
        // the queue's count, its 50 pages, the running list, and the finished lists: page 1 of each, and when
        // the oldest come first, their last page too (11 of 1,050 completed, 3 of 230 failed)
        assertThat(firstCost).isEqualTo(order == ListOrder.NEWEST_FIRST ? 1 + 50 + 1 + 2 : 1 + 50 + 1 + 4);

        // then: the queue's count, the running list, and the page where new finished tasks would appear in each list
        assertThat(second).extracting(o -> o.before().taskId()).containsExactlyInAnyOrderElementsOf(queue.running());
        assertThat(second).extracting(Observation::status).containsOnly(1);
        String lastCompleted = order == ListOrder.NEWEST_FIRST ? "1" : "11";
        String lastFailed = order == ListOrder.NEWEST_FIRST ? "1" : "3";
        assertThat(asked).containsExactly(
                "/task?source=api&status=0&page=1&page_size=1",
                "/task?source=api&status=1&page=1&page_size=100",
                "/task?source=api&status=2&page=" + lastCompleted + "&page_size=100",
                "/task?source=api&status=3&page=" + lastFailed + "&page_size=100");
        assertThat(secondCost).isEqualTo(4);
        assertThat(thirdCost).isEqualTo(4);
    }
}
