package io.tikmatrix.bridge.simulator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorConcurrencyTest extends RunningSimulatorTest {

    @BeforeEach
    void start() {
        start(SimulatorSettings.defaults());
    }

    @Test
    void concurrentCreatesGetDistinctIds() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> api.createTasks("""
                        {"serials": ["s1", "s2"], "script_name": "post", "script_config": {}}"""));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<long[]> result : callers.invokeAll(calls)) {
                for (long id : result.get()) {
                    ids.add(id);
                }
            }

            assertThat(ids).hasSize(80).doesNotHaveDuplicates();
            assertThat(simulator.tasks()).hasSize(80);
            assertThat(simulator.receivedTaskBodies()).hasSize(40);
            assertThat(simulator.requestCount("POST", "/task")).isEqualTo(40);
        } finally {
            callers.shutdownNow();
        }
    }
}
