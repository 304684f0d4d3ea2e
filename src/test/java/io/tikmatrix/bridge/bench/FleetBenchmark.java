package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.support.BridgeProcess;
import io.tikmatrix.bridge.support.TempDirs;
import io.tikmatrix.bridge.support.TestDatabases;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The fleet and cluster figures of issue 13's note: the throughput of one bridge and of three sharing one PostgreSQL
 * store and one inbox, in front of a fleet of three simulated PCs (in this JVM, 20 phones each). Each set of bridges
 * is first warmed by a small drop, then takes n descriptors in 10 files spread over the fleet's 60 phones; the clock
 * runs from the drop to the last receipt. Run through {@code bench/run.sh fleet [n]}; results in docs/BENCHMARKS.md.
 */
public final class FleetBenchmark {

    private static final int FILES = 10;
    private static final int PHONES = 60;

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        List<String> jvmOptions = Arrays.stream(System.getenv().getOrDefault("BENCH_BRIDGE_JVM", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        Path dir = Files.createTempDirectory("tikmatrix-fleet");
        try (SimulatedFleet fleet = SimulatedFleet.start(3)) {
            System.out.printf("machine: %d cores, Java %s; a fleet of 3 simulated PCs; bridge JVM options: %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    jvmOptions.isEmpty() ? "(JVM defaults)" : String.join(" ", jvmOptions));
            for (int bridges : List.of(1, 3)) {
                double seconds = run(dir.resolve(bridges + "-bridges"), fleet, jvmOptions, bridges, lines);
                System.out.printf("%d bridge(s) on one PostgreSQL store: %d descriptors in %.2f s, %.0f/s%n",
                        bridges, lines, seconds, lines / seconds);
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static double run(Path dir, SimulatedFleet fleet, List<String> jvmOptions, int count, int lines) throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        List<BridgeProcess> bridges = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path home = Files.createDirectories(dir.resolve("bridge-" + i));
                Map<String, String> settings = new TreeMap<>(fleet.hostProperties());
                settings.put("bridge.data-dir", home.resolve("data").toString());
                settings.put("bridge.inbox.dir", inbox.toString());
                settings.put("bridge.store.jdbc-url", store);
                settings.put("bridge.inbox.poll-interval", "100ms");
                settings.put("bridge.inbox.stable-for", "100ms");
                // measured apart (PollCostTest, bench/run.sh events)
                settings.put("bridge.status.poll-interval", "1h");
                settings.put("bridge.admin.enabled", "false");
                BridgeProcess bridge = new BridgeProcess(home, jvmOptions, settings);
                bridges.add(bridge);
                bridge.start();
            }
            take(dir, inbox, bridges, "warm-up", lines / 10);
            return take(dir, inbox, bridges, "run", lines);
        } finally {
            bridges.forEach(BridgeProcess::close);
        }
    }

    /** Drops {@code lines} descriptors in {@link #FILES} files and waits for their receipts, whichever bridge writes them. */
    private static double take(Path dir, Path inbox, List<BridgeProcess> bridges, String name, int lines) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            Path file = staging.resolve(name + "-" + f + ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = f; i < lines; i += FILES) {
                    out.write("{\"id\": \"" + name + "-" + i + "\", \"serials\": [\"emulator-" + (5554 + i % PHONES)
                            + "\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 600}}\n");
                }
            }
            files.add(file);
        }
        long start = System.nanoTime();
        for (Path file : files) {
            Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        await(name + " receipts").forever().pollInterval(Duration.ofMillis(20)).until(() -> receipts(dir, name) == FILES);
        return (System.nanoTime() - start) / 1e9;
    }

    /** The receipts of this drop's files, in every bridge's receipts folder (the bridge that read a file writes it). */
    private static long receipts(Path dir, String name) throws IOException {
        long count = 0;
        try (Stream<Path> bridges = Files.list(dir)) {
            for (Path bridge : bridges.filter(p -> p.getFileName().toString().startsWith("bridge-")).toList()) {
                Path receipts = bridge.resolve("data").resolve("receipts");
                if (Files.isDirectory(receipts)) {
                    try (Stream<Path> found = Files.list(receipts)) {
                        count += found.filter(p -> p.getFileName().toString().startsWith(name + "-")
                                && p.getFileName().toString().endsWith(".receipt.json")).count();
                    }
                }
            }
        }
        return count;
    }
}
