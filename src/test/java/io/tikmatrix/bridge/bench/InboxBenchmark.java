package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.Bridge;
import io.tikmatrix.bridge.support.TempDirs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Drops one JSON Lines file of N account_warmup descriptors into a real bridge (H2 store, YAML routes)
 * talking to the simulator in a separate JVM, and reports descriptors per second from drop to receipt
 * and the bridge JVM's peak heap. Run through bench/run.sh; see docs/BENCHMARKS.md.
 */
public final class InboxBenchmark {

    private InboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("tikmatrix-bench");
        Path file = dir.resolve("bench.jsonl");
        writeDescriptors(file, lines);

        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String baseUrl = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))
                .lines().filter(l -> l.startsWith("BASE_URL ")).findFirst().orElseThrow().substring("BASE_URL ".length());

        Map<String, String> settings = Map.of(
                "tikmatrix.base-url", baseUrl,
                "bridge.data-dir", dir.resolve("data").toString(),
                "bridge.inbox.poll-interval", "100ms",
                "bridge.inbox.stable-for", "100ms");
        try (Bridge bridge = Bridge.start(Path.of("").toAbsolutePath(), settings)) {
            await("the licence gate open").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> bridge.licenceGate().state() == io.tikmatrix.bridge.licence.LicenceGate.State.OPEN);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long size = Files.size(file);

            long start = System.nanoTime();
            Files.move(file, dir.resolve("data/inbox/bench.jsonl"));
            Path receipt = dir.resolve("data/receipts/bench.jsonl.receipt.json");
            // polled often: the poll interval is part of the measured time
            await("the receipt").forever().pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(receipt));
            double seconds = (System.nanoTime() - start) / 1e9;

            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("descriptors: %d, file: %.1f MB, time: %.1f s, throughput: %.0f descriptors/s%n",
                    lines, size / 1e6, seconds, lines / seconds);
            System.out.printf("bridge JVM: max heap %d MB, peak heap used %d MB (sum of heap pool peaks)%n",
                    Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        } finally {
            simulator.getOutputStream().close();
            simulator.waitFor();
            TempDirs.delete(dir);
        }
    }

    private static void writeDescriptors(Path file, int lines) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"serials\": [\"emulator-" + (5554 + i % 20) + "\"], \"script_name\": \"account_warmup\", "
                        + "\"script_config\": {\"task_duration\": 600, \"topic\": \"रंगोली 🔥 " + i + "\", \"like_probable\": 20}}\n");
            }
        }
    }
}
