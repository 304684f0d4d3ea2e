package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.support.BridgeProcess;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The figures of the issue "Speed", all in one run against one simulator (in a JVM of its own):
 * <ol>
 * <li>a plain Java keep-alive client's rate of {@code POST /task}, with 1 and with 8 connections;</li>
 * <li>a bridge in a JVM of its own ({@code bridge.api.concurrency=8} like the client, the status poll
 * moved out of the way), warmed by a first file of account_warm-up descriptors, taking one JSON Lines file of
 * one-line {@code post} descriptors: its rate from the moment it takes the file to its receipt, the CPU
 * its JVM spends meanwhile (user + system, everything: GC, JIT, event files) and its peak resident memory;</li>
 * <li>a second bridge with the defaults on an empty store: start to {@code /observe/health} UP, then its
 * CPU and resident memory while it has nothing to do.</li>
 * </ol>
 * Both bridges start on the class data archive that a first one, started before them, wrote as it stopped, as
 * {@code bin/tikmatrix-bridge} does for a user ({@code BENCH_CDS=off} for none); that first start's time to healthy
 * is printed too.
 * <p>
 * Run through {@code bench/run.sh speed}; results in docs/BENCHMARKS.md. Resident memory is read from
 * Linux's {@code /proc}; elsewhere it is reported as n/a.
 */
public final class SpeedBenchmark {

    private static final int WARM_UP_LINES = 3_000;
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(10);
    private static final Duration IDLE_MEASURE = Duration.ofSeconds(30);

    private SpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> jvmOptions = Arrays.stream(System.getenv().getOrDefault("BENCH_BRIDGE_JVM", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
        Path dir = Files.createTempDirectory("tikmatrix-speed");
        Process simulator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), SimulatorProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String baseUrl = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))
                    .lines().filter(l -> l.startsWith("BASE_URL ")).findFirst().orElseThrow().substring("BASE_URL ".length());
            System.out.printf("machine: %d cores, Java %s; bridge JVM options: %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    jvmOptions.isEmpty() ? "(JVM defaults)" : String.join(" ", jvmOptions));

            PlainClient.rate(baseUrl, 8, lines / 2); // the simulator's JIT warms up here, for both rates below
            double plain1 = PlainClient.rate(baseUrl, 1, lines);
            long plainCpuBefore = cpuMillis(ProcessHandle.current());
            double plain8 = PlainClient.rate(baseUrl, 8, lines);
            // this JVM does nothing else meanwhile: its CPU is the client's, the floor of what any client spends
            double plainCpuPer1000 = (cpuMillis(ProcessHandle.current()) - plainCpuBefore) * 1000.0 / lines;
            System.out.printf("plain keep-alive client: 1 connection %.0f/s, 8 connections %.0f/s (%.0f CPU-ms per 1,000)%n",
                    plain1, plain8, plainCpuPer1000);

            // as bin/tikmatrix-bridge does: the first start writes a class data archive as it stops, the next maps it
            Path archive = dir.resolve("bridge.jsa");
            boolean sharing = !"off".equals(System.getenv("BENCH_CDS"));
            List<String> firstStart = sharing ? plus(jvmOptions, "-XX:ArchiveClassesAtExit=" + archive) : jvmOptions;
            List<String> laterStart = sharing ? plus(jvmOptions, "-XX:SharedArchiveFile=" + archive) : jvmOptions;
            double firstStartToHealthy = firstStart(dir.resolve("first"), baseUrl, firstStart);
            System.out.printf("bridge first start to healthy: %.2f s%s%n", firstStartToHealthy,
                    sharing ? " (it writes the class data archive as it stops)" : "");
            SettledFiles.await(dir.resolve("files"));
            Intake intake = intake(dir.resolve("intake"), baseUrl, laterStart, lines);
            System.out.printf("bridge intake of %d post descriptors (warm): %.2f s, %.0f/s = %.2f x the 8-connection client%n",
                    lines, intake.seconds, lines / intake.seconds, lines / intake.seconds / plain8);
            System.out.printf("bridge CPU: %.0f CPU-ms per 1,000 descriptors; peak RSS during the file: %s%n",
                    intake.cpuMillis * 1000.0 / lines, ProcessMemory.mb(intake.peakRssKb));

            Idle idle = idle(dir.resolve("idle"), baseUrl, laterStart);
            System.out.printf("bridge with defaults" + (sharing ? ", on the first start's class data archive" : "") + ": start to healthy %.2f s; idle CPU %.2f %% of a core (%.2f %% once settled);"
                    + " idle RSS %s%n", idle.startToHealthySeconds, idle.cpuPercent, idle.settledCpuPercent, ProcessMemory.mb(idle.rssKb));

            System.out.printf("%n| %.0f/s | %.0f/s | %.0f/s | %.2f× | %.0f (plain %.0f) | %s | %.2f s (first %.2f s) | %.2f %% (%.2f %%) | %s |%n",
                    plain1, plain8, lines / intake.seconds, lines / intake.seconds / plain8, intake.cpuMillis * 1000.0 / lines,
                    plainCpuPer1000,
                    ProcessMemory.mb(intake.peakRssKb), idle.startToHealthySeconds, firstStartToHealthy, idle.cpuPercent, idle.settledCpuPercent,
                    ProcessMemory.mb(idle.rssKb));
        } finally {
            simulator.getOutputStream().close();
            simulator.waitFor();
            SettledFiles.delete(dir);
        }
    }

    private record Intake(double seconds, long cpuMillis, long peakRssKb) {
    }

    /**
     * A user's first start: on no class data archive yet, it takes a small file (so that the archive holds what
     * intake loads too) and stops cleanly, as Ctrl+C does, which is when the JVM writes the archive.
     *
     * @return seconds from its launch to healthy
     */
    private static double firstStart(Path workingDir, String baseUrl, List<String> jvmOptions) throws IOException {
        Path data = workingDir.resolve("data");
        Map<String, String> settings = settings(baseUrl, data);
        try (BridgeProcess bridge = new BridgeProcess(Files.createDirectories(workingDir), jvmOptions, settings)) {
            bridge.start();
            double startToHealthy = awaitHealthy(bridge, settings);
            take(data, "first.jsonl", 100, SpeedBenchmark::postLine);
            bridge.stop();
            return startToHealthy;
        }
    }

    private static Intake intake(Path workingDir, String baseUrl, List<String> jvmOptions, int lines) throws IOException {
        Path data = workingDir.resolve("data");
        Map<String, String> settings = settings(baseUrl, data);
        settings.put("bridge.api.concurrency", "8");
        // measured apart (PollCostTest, bench/run.sh events): here it would only add noise
        settings.put("bridge.status.poll-interval", "1h");
        try (BridgeProcess bridge = new BridgeProcess(Files.createDirectories(workingDir), jvmOptions, settings)) {
            bridge.start();
            take(data, "warm-up.jsonl", WARM_UP_LINES, SpeedBenchmark::warmUpLine);
            ProcessHandle jvm = bridge.handle();
            ProcessMemory.resetPeak(jvm);
            long cpuBefore = cpuMillis(jvm);
            double seconds = take(data, "posts.jsonl", lines, SpeedBenchmark::postLine);
            long cpu = cpuMillis(jvm) - cpuBefore;
            return new Intake(seconds, cpu, ProcessMemory.peakKb(jvm));
        }
    }

    /**
     * @param cpuPercent        CPU from 10 to 40 s after healthy: the compiler still works on what the start ran
     * @param settledCpuPercent CPU from 70 to 100 s after healthy, once the compiler is done: what idleness costs for hours
     */
    private record Idle(double startToHealthySeconds, double cpuPercent, double settledCpuPercent, long rssKb) {
    }

    private static Idle idle(Path workingDir, String baseUrl, List<String> jvmOptions) throws Exception {
        Map<String, String> settings = settings(baseUrl, workingDir.resolve("data"));
        try (BridgeProcess bridge = new BridgeProcess(Files.createDirectories(workingDir), jvmOptions, settings)) {
            bridge.start();
            double startToHealthy = awaitHealthy(bridge, settings);
            ProcessHandle jvm = bridge.handle();
            // windows of time in which the bridge must stay up: the first seconds still compile and load what
            // the first polls touch, the next ones are what an idle bridge costs
            await("settled").during(IDLE_SETTLE).atMost(IDLE_SETTLE.plusSeconds(5)).until(jvm::isAlive);
            long cpuBefore = cpuMillis(jvm);
            long start = System.nanoTime();
            await("idle").during(IDLE_MEASURE).atMost(IDLE_MEASURE.plusSeconds(5)).until(jvm::isAlive);
            double percent = 100.0 * (cpuMillis(jvm) - cpuBefore) / ((System.nanoTime() - start) / 1e6);
            long rss = ProcessMemory.rssKb(jvm);
            await("settled longer").during(IDLE_MEASURE).atMost(IDLE_MEASURE.plusSeconds(5)).until(jvm::isAlive);
            long settledBefore = cpuMillis(jvm);
            long settledStart = System.nanoTime();
            await("idle, settled").during(IDLE_MEASURE).atMost(IDLE_MEASURE.plusSeconds(5)).until(jvm::isAlive);
            double settled = 100.0 * (cpuMillis(jvm) - settledBefore) / ((System.nanoTime() - settledStart) / 1e6);
            return new Idle(startToHealthy, percent, settled, rss);
        }
    }

    /** @return seconds from the JVM's launch to /observe/health UP */
    private static double awaitHealthy(BridgeProcess bridge, Map<String, String> settings) {
        String health = "http://127.0.0.1:" + settings.get("bridge.admin.port") + "/observe/health";
        HttpClient http = HttpClient.newHttpClient();
        await("healthy").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(() -> isUp(http, health));
        return (System.nanoTime() - bridge.launchedAtNanos()) / 1e9;
    }

    private static List<String> plus(List<String> options, String option) {
        return Stream.concat(options.stream(), Stream.of(option)).toList();
    }

    private static boolean isUp(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, String> settings(String baseUrl, Path data) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tikmatrix.base-url", baseUrl);
        settings.put("bridge.data-dir", data.toAbsolutePath().toString());
        settings.put("bridge.admin.port", Integer.toString(freePort()));
        return settings;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Moves a file of {@code lines} descriptors into the inbox and waits for its receipt.
     *
     * @return seconds from the moment the bridge took its private copy of the file to its receipt: the inbox's
     *         wait for a file to be complete ({@code bridge.inbox.stable-for}) is a setting, not a speed
     */
    private static double take(Path data, String name, int lines, LineWriter line) throws IOException {
        Path file = data.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write(line.line(name, i));
                out.write('\n');
            }
        }
        Path inboxFile = data.resolve("inbox").resolve(name);
        Files.move(file, inboxFile);
        // taking a file starts with its private copy, <staging>/<unique>/<name> (README, "Try it")
        Path staging = data.resolve("staging").resolve("inbox");
        await(name + " taken").forever().pollInterval(Duration.ofMillis(2)).until(() -> isStaged(staging, name));
        long taken = System.nanoTime();
        Path receipt = data.resolve("receipts").resolve(name + ".receipt.json");
        await(name + " receipt").forever().pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(receipt));
        return (System.nanoTime() - taken) / 1e9;
    }

    private static boolean isStaged(Path staging, String name) throws IOException {
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> copies = Files.list(staging)) {
            return copies.anyMatch(copy -> Files.exists(copy.resolve(name)));
        }
    }

    private interface LineWriter {
        String line(String file, int i);
    }

    private static String warmUpLine(String file, int i) {
        return "{\"serials\": [\"emulator-" + (5554 + i % 20) + "\"], \"script_name\": \"account_warmup\", "
                + "\"script_config\": {\"task_duration\": 600, \"topic\": \"रंगोली 🔥 " + i + "\", \"like_probable\": 20}}";
    }

    static String postLine(String file, int i) {
        return "{\"id\": \"" + file + "-" + i + "\", " + postBody(i).substring(1);
    }

    /** A one-device post, as an operator's scheduling tool writes them. */
    static String postBody(int i) {
        return "{\"serials\": [\"emulator-" + (5554 + i % 20) + "\"], \"script_name\": \"post\", \"script_config\": "
                + "{\"content_type\": 0, \"captions\": \"दिवाली reel " + i + " 🔥 #diwali\", "
                + "\"material_list\": [\"C:/Videos/reel-" + i + ".mp4\"], \"upload_wait_time\": 60}}";
    }

    private static long cpuMillis(ProcessHandle jvm) {
        return jvm.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("this OS does not report CPU time")).toMillis();
    }
}
