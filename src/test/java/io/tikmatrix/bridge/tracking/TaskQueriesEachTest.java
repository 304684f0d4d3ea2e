package io.tikmatrix.bridge.tracking;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code each} gives every task matching its filter once, paging by what the server serves and encoding the filter. */
class TaskQueriesEachTest extends PollAgainstSimulatorTest {

    TaskQueriesEachTest() {
        super(7);
    }

    @Test
    void everyMatchingTaskComesOnceWhateverPageSizeTheServerServes() throws Exception {
        List<Long> ids = createFollowTasks(30);
        simulator.resetCounters();

        List<Long> given = idsOf(Map.of("source", "api", "script_name", "follow"));

        assertThat(given).containsExactlyElementsOf(ids);
        // ceil(30 / 7) = 5 pages; the fifth brings the total
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(5);
    }

    @Test
    void filterValuesAreEncoded() throws Exception {
        createFollowTasks(3);
        List<Long> odd = createFollowTasks(List.of("rack 1&slot=2", "rack 1&slot=2"));

        assertThat(idsOf(Map.of("serial", "rack 1&slot=2"))).containsExactlyElementsOf(odd);
    }

    @Test
    void anEmptyMatchCostsOneRequest() throws Exception {
        createFollowTasks(3);
        simulator.resetCounters();

        assertThat(idsOf(Map.of("status", "3"))).isEmpty();
        assertThat(simulator.requestCount("GET", "/task")).isEqualTo(1);
    }

    private List<Long> idsOf(Map<String, String> filter) throws Exception {
        List<Long> ids = new ArrayList<>();
        queries.each(filter, task -> ids.add(task.path("id").asLong()));
        return ids;
    }
}
