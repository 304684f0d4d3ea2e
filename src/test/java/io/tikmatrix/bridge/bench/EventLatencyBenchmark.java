package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.Bridge;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.TempDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Latency from a status change at the simulator (a task's computed start or finish time) to its event
 * file at the default file endpoint, with the default poll and delivery intervals unless overridden
 * (-Dbridge.status.poll-interval=1s). Run through bench/run.sh events; see docs/BENCHMARKS.md.
 */
public final class EventLatencyBenchmark {

    private static final int TASKS = 20;

    private EventLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tikmatrix-latency");
        try (TikMatrixSimulator simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);
             Bridge bridge = Bridge.start(Path.of("").toAbsolutePath(), Map.of(
                     "tikmatrix.base-url", simulator.baseUrl(),
                     "bridge.data-dir", dir.resolve("data").toString(),
                     "bridge.admin.enabled", "false"))) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < TASKS; i++) {
                lines.append("{\"serials\": [\"emulator-").append(i).append("\"], \"script_name\": \"account_warmup\", \"script_config\": {}}\n");
            }
            Path staged = dir.resolve("latency.jsonl");
            Files.writeString(staged, lines);
            Files.move(staged, dir.resolve("data/inbox/latency.jsonl"));

            Path events = dir.resolve("data/events");
            List<Duration> toRunning = new ArrayList<>();
            List<Duration> toCompleted = new ArrayList<>();
            await("every task's completed event").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> simulator.tasks().size() >= TASKS
                            && simulator.tasks().stream().allMatch(t -> Files.exists(events.resolve(t.id() + "-2.json"))));
            for (Task task : simulator.tasks()) {
                toRunning.add(Duration.between(task.startedAt(), Files.getLastModifiedTime(events.resolve(task.id() + "-1.json")).toInstant()));
                toCompleted.add(Duration.between(task.finishedAt(), Files.getLastModifiedTime(events.resolve(task.id() + "-2.json")).toInstant()));
            }
            System.out.printf("poll interval %s, delivery interval %s, %d tasks%n",
                    bridge.camelContext().resolvePropertyPlaceholders("{{bridge.status.poll-interval}}"),
                    bridge.camelContext().resolvePropertyPlaceholders("{{bridge.events.delivery-interval}}"), TASKS);
            System.out.println("pending → running: " + summary(toRunning));
            System.out.println("running → completed: " + summary(toCompleted));
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static String summary(List<Duration> latencies) {
        long[] ms = latencies.stream().mapToLong(Duration::toMillis).sorted().toArray();
        double mean = java.util.Arrays.stream(ms).average().orElse(0);
        return String.format("mean %.0f ms, median %d ms, max %d ms", mean, ms[ms.length / 2], ms[ms.length - 1]);
    }
}
