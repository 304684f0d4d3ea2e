package io.tikmatrix.bridge.crash;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.BridgeProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The exactly-once promise under {@code kill -9}: one descriptor line becomes exactly one TikMatrix task even
 * when the bridge dies, again and again, while a file is half submitted and POST /task misbehaves. The
 * simulator lives in this JVM and outlives every kill; the bridge is a child JVM on one data folder.
 */
class KillNineTest {

    private static final long SEED = 20_261_128L;
    private static final String FILE = "crash.jsonl";
    private static final Pattern CAPTION = Pattern.compile("line-(\\d+)");
    private static final String AMBIGUOUS = "ambiguous";
    /** Many status polls and deliveries: once this passes without a new final event, none is coming. */
    private static final Duration EVENTS_QUIET = Duration.ofSeconds(3);
    /** Offending lines quoted in a failure, beyond the counts. */
    private static final int QUOTED = 20;

    /** A way for POST /task to misbehave, how often it is drawn, and how to make one from the seeded random. */
    private record FaultKind(int weight, Function<Random, Fault> make) {
    }

    /**
     * One way to run the test. With full task objects (script_config shown) every lost answer must be settled,
     * so no ambiguous dead letter is allowed; with the documented minimum (ids and statuses) calls whose answers
     * were lost together look alike, and ambiguous dead letters are allowed, each naming its line.
     */
    record Run(String name, int lines, int kills, boolean minimalTaskObjects) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Run> runs() {
        return Stream.of(new Run("full task objects, 1000 lines, 10 kills", 1_000, 10, false),
                new Run("documented minimum task objects, 300 lines, 4 kills", 300, 4, true));
    }

    /**
     * What POST /task does throughout the run. Delays stay below the bridge's 1s response time-out; the
     * transient faults are rare enough that six attempts in a row failing (a dead letter) happens to about three
     * lines in a million. Answering after the time-out and dropping the connection after handling make the task
     * and lose its answer: reconciliation must adopt those.
     */
    private static final List<FaultKind> FAULT_MIX = List.of(
            new FaultKind(82, random -> Fault.delay(Duration.ofMillis(random.nextInt(100)))),
            new FaultKind(6, random -> Fault.errorEnvelope(50001, 500)),
            new FaultKind(6, random -> Fault.dropConnection()),
            new FaultKind(3, random -> Fault.answerLate(Duration.ofMillis(1_500))),
            new FaultKind(3, random -> Fault.dropAfterHandling()));

    @TempDir
    Path workingDir;

    private TikMatrixSimulator simulator;
    private BridgeProcess bridge;

    @AfterEach
    void stopEverything() throws Exception {
        // closed in reverse order, the bridge first (it calls the simulator to the end); one never made is skipped
        try (TikMatrixSimulator s = simulator; BridgeProcess b = bridge) {
            // nothing more to do: only the closing
        }
    }

    @ParameterizedTest
    @MethodSource("runs")
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyLineBecomesExactlyOneTaskAcrossKills(Run run) {
        long began = System.nanoTime();
        simulator = new TikMatrixSimulator(SimulatorSettings.defaults()
                .withPendingFor(Duration.ofMillis(200)).withRunningFor(Duration.ofMillis(300))
                .withMinimalTaskObjects(run.minimalTaskObjects())).start(0);
        Path dataDir = workingDir.resolve("data");
        injectFaults(new Random(SEED), run.lines());
        bridge = new BridgeProcess(workingDir, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), settings(dataDir));
        Random killMoments = new Random(SEED + 1);

        bridge.start();
        drop(dataDir, run.lines());
        for (int kill = 1; kill <= run.kills(); kill++) {
            // the moment of the kill: after a random number of further tasks, while others are in flight
            int killAt = simulator.tasks().size() + 20 + killMoments.nextInt(40);
            await("tasks before kill " + kill).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                bridge.requireAlive();
                return simulator.tasks().size() >= killAt;
            });
            bridge.kill();
            bridge.start();
        }
        Path receipt = dataDir.resolve("receipts").resolve(FILE + ".receipt.json");
        try {
            await("receipt of " + FILE).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                bridge.requireAlive();
                return Files.exists(receipt);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; " + simulator.tasks().size() + " tasks; the bridge log ends with:\n"
                    + bridge.logTail(80), e);
        }
        awaitTerminalEvents(dataDir.resolve("events"));

        report(run, dataDir, (System.nanoTime() - began) / 1e9);
    }

    /** Seeded, so a run draws the same faults in the same order (which request meets which depends on timing). */
    private void injectFaults(Random random, int lines) {
        int totalWeight = FAULT_MIX.stream().mapToInt(FaultKind::weight).sum();
        // more than the run's POSTs, retries and re-posts included; afterwards POST /task behaves
        for (int i = 0; i < 3 * lines; i++) {
            int draw = random.nextInt(totalWeight);
            for (FaultKind kind : FAULT_MIX) {
                draw -= kind.weight();
                if (draw < 0) {
                    simulator.faults().failNext(1, "POST", "/task", kind.make().apply(random));
                    break;
                }
            }
        }
    }

    private Map<String, String> settings(Path dataDir) {
        return Map.ofEntries(
                Map.entry("tikmatrix.base-url", simulator.baseUrl()),
                Map.entry("bridge.data-dir", dataDir.toString()),
                Map.entry("bridge.inbox.poll-interval", "100ms"),
                Map.entry("bridge.inbox.stable-for", "100ms"),
                Map.entry("bridge.api.concurrency", "4"),
                Map.entry("bridge.retry.initial-delay", "50ms"),
                Map.entry("bridge.retry.max-delay", "200ms"),
                Map.entry("bridge.retry.max-attempts", "6"),
                Map.entry("tikmatrix.response-timeout", "1s"),
                Map.entry("bridge.status.poll-interval", "200ms"),
                Map.entry("bridge.events.delivery-interval", "50ms"),
                Map.entry("bridge.admin.enabled", "false"),
                Map.entry("bridge.licence.check-interval", "200ms"));
    }

    /** One JSON Lines file, each line told apart by its caption; written beside the inbox and moved in whole. */
    private static void drop(Path dataDir, int lines) {
        try {
            Path staging = Files.createDirectories(dataDir.resolve("staging")).resolve(FILE);
            try (BufferedWriter out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
                for (int n = 1; n <= lines; n++) {
                    out.write("{\"serials\": [\"emulator-5554\"], \"script_name\": \"post\", \"script_config\": "
                            + "{\"content_type\": 0, \"captions\": \"line-" + n + "\", \"material_list\": [\"C:/Videos/v" + n + ".mp4\"]}}\n");
                }
            }
            Files.move(staging, Files.createDirectories(dataDir.resolve("inbox")).resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until every task has its final status event, or until none has come for {@link #EVENTS_QUIET}: a
     * task the bridge does not know it created never gets one, and the report names those still missing.
     */
    private void awaitTerminalEvents(Path events) {
        AtomicLong lastDone = new AtomicLong(-1);
        AtomicLong lastChange = new AtomicLong(System.nanoTime());
        await("terminal status events").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Task> tasks = simulator.tasks();
            long done = tasks.stream().filter(task -> hasTerminalEvent(events, task)).count();
            if (lastDone.getAndSet(done) != done) {
                lastChange.set(System.nanoTime());
            }
            return done == tasks.size() || System.nanoTime() - lastChange.get() > EVENTS_QUIET.toNanos();
        });
    }

    private static boolean hasTerminalEvent(Path events, Task task) {
        return Files.exists(events.resolve(task.id() + "-2.json")) || Files.exists(events.resolve(task.id() + "-3.json"));
    }

    private void report(Run run, Path dataDir, double seconds) {
        List<Task> tasks = simulator.tasks();
        Map<Integer, List<Long>> tasksByLine = new TreeMap<>();
        List<String> strangers = new ArrayList<>();
        for (Task task : tasks) {
            Matcher caption = CAPTION.matcher(task.scriptConfig().path("captions").asText());
            if (caption.matches()) {
                tasksByLine.computeIfAbsent(Integer.valueOf(caption.group(1)), n -> new ArrayList<>()).add(task.id());
            } else {
                strangers.add("task " + task.id() + " has no line caption: " + task.scriptConfig());
            }
        }
        Map<Integer, String> deadLetterKeyByLine = deadLetterKeysByPosition(dataDir.resolve("deadletter"));

        List<String> duplicates = new ArrayList<>();
        List<String> withoutTask = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        List<String> taskAndDeadLetter = new ArrayList<>();
        int extraTasks = 0;
        List<Long> tasksOfAmbiguousLines = new ArrayList<>();
        for (int n = 1; n <= run.lines(); n++) {
            List<Long> ids = tasksByLine.getOrDefault(n, List.of());
            String deadLetterKey = deadLetterKeyByLine.get(n);
            if (AMBIGUOUS.equals(deadLetterKey)) {
                ambiguous.add("line " + n + " dead-lettered as ambiguous, tasks " + ids);
                tasksOfAmbiguousLines.addAll(ids);
            }
            if (ids.size() > 1) {
                extraTasks += ids.size() - 1;
                duplicates.add("line " + n + " became " + ids.size() + " tasks " + ids);
            } else if (ids.isEmpty() && deadLetterKey == null) {
                lost.add("line " + n + " has neither a task nor a dead letter");
            } else if (ids.isEmpty() && !AMBIGUOUS.equals(deadLetterKey)) {
                withoutTask.add("line " + n + " has no task, dead-lettered as " + deadLetterKey);
            }
            if (!ids.isEmpty() && deadLetterKey != null && !AMBIGUOUS.equals(deadLetterKey)) {
                // its replay would make another task
                taskAndDeadLetter.add("line " + n + " became tasks " + ids + " yet is dead-lettered as " + deadLetterKey);
            }
        }
        Path events = dataDir.resolve("events");
        // a line dead-lettered as ambiguous left its task to the operator: the bridge does not track it
        List<String> noTerminalEvent = tasks.stream().filter(task -> !hasTerminalEvent(events, task))
                .filter(task -> !tasksOfAmbiguousLines.contains(task.id()))
                .map(task -> "task " + task.id() + " (" + task.scriptConfig().path("captions").asText() + ", "
                        + task.status() + ") has no final status event").toList();

        String counts = String.format("kill -9 crash test (" + run + "): %d lines, %d tasks, %d kills, %.1f s; duplicates: %d lines (%d extra tasks),"
                        + " lost: %d, without task but dead-lettered: %d, with task and dead-lettered: %d, ambiguous dead letters: %d,"
                        + " tasks without final event: %d,"
                        + " tasks of no line: %d; POST /task requests: %d",
                run.lines(), tasks.size(), run.kills(), seconds, duplicates.size(), extraTasks, lost.size(), withoutTask.size(),
                taskAndDeadLetter.size(), ambiguous.size(), noTerminalEvent.size(), strangers.size(), simulator.requestCount("POST", "/task"));
        System.out.println(counts);

        List<String> problems = new ArrayList<>();
        Stream.of(duplicates, lost, withoutTask, taskAndDeadLetter, run.minimalTaskObjects() ? List.<String>of() : ambiguous,
                noTerminalEvent, strangers).forEach(problems::addAll);
        if (!problems.isEmpty()) {
            fail(counts + "\nfirst offending lines:\n  " + String.join("\n  ", problems.subList(0, Math.min(QUOTED, problems.size())))
                    + "\nbridge log ends with:\n" + bridge.logTail(30));
        }
    }

    /** The dead-lettered positions of the file, by dead-letter key (the events' own dead letters left aside). */
    private static Map<Integer, String> deadLetterKeysByPosition(Path deadLetters) {
        Map<Integer, String> keys = new TreeMap<>();
        if (!Files.isDirectory(deadLetters)) {
            return keys;
        }
        try (Stream<Path> keyDirs = Files.list(deadLetters)) {
            for (Path keyDir : keyDirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("events")).toList()) {
                try (Stream<Path> records = Files.list(keyDir)) {
                    records.filter(r -> r.getFileName().toString().endsWith(".json") && !r.getFileName().toString().endsWith(".error.json"))
                            .map(BridgeHarness::read)
                            .filter(record -> FILE.equals(record.path("source").path("file").asText()))
                            .forEach(record -> keys.put(record.path("source").path("position").asInt(), keyDir.getFileName().toString()));
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
