package io.tikmatrix.bridge.crash;

import io.tikmatrix.bridge.schedule.FireTimes;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.simulator.TikMatrixSimulator;
import io.tikmatrix.bridge.support.BridgeProcess;
import io.tikmatrix.bridge.support.TestDatabases;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schedule's fire time whose call is on the wire when the bridge is killed: nothing reads a fire time again, as an
 * inbox file is read again, so it is taken up from the journal once its claim's lease ran out (at the next start on a
 * store of its own, by another bridge on a shared one), TikMatrix is asked what the call made, and it is exactly one
 * task. The simulator lives in this JVM and outlives the kill; each bridge is a child JVM.
 */
class FireTimeKillTest {

    /**
     * Longer than the test: the kill always comes first, and a call held before TikMatrix handles it is never handled
     * (the simulator gives it up when it closes).
     */
    private static final Duration HUNG = Duration.ofMinutes(10);

    @TempDir
    Path root;

    private TikMatrixSimulator simulator;
    private final List<BridgeProcess> bridges = new ArrayList<>();
    private ZonedDateTime fireTime;

    @AfterEach
    void stopEverything() {
        // the bridges close first: they call the simulator to the end
        bridges.forEach(BridgeProcess::close);
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCallTikMatrixTookIsAdoptedNotPostedAgain() throws IOException {
        BridgeProcess bridge = bridgeWithTheNextPost(Fault.answerLate(HUNG), Map.of());
        fireOnceAndKillWhileTheCallIsOut(bridge, () -> simulator.tasks().size() == 1);
        bridge.start();

        Task made = simulator.tasks().get(0);
        assertTakenUpAsOneTask(bridge, made);
        assertThat(simulator.requests("POST", "/task")).as("the fire time was not posted again").hasSize(1);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCallTikMatrixNeverTookIsPostedAfterAsking() throws IOException {
        BridgeProcess bridge = bridgeWithTheNextPost(Fault.delay(HUNG), Map.of());
        fireOnceAndKillWhileTheCallIsOut(bridge, () -> simulator.requests("POST", "/task").size() == 1);
        assertThat(simulator.tasks()).as("the hung call made nothing").isEmpty();
        bridge.start();

        await("the fire time posted again").atMost(Duration.ofSeconds(60)).until(() -> {
            bridge.requireAlive();
            return !simulator.tasks().isEmpty();
        });
        assertTakenUpAsOneTask(bridge, simulator.tasks().get(0));
        assertThat(simulator.requests("POST", "/task")).as("one post before the kill, one after").hasSize(2);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void onASharedStoreAnotherBridgeTakesUpWhatADeadOneLeft() throws IOException {
        Map<String, String> shared = Map.of("bridge.store.jdbc-url", TestDatabases.freshPostgresSchema(),
                "bridge.cluster.failover", "2s");
        BridgeProcess dead = bridgeWithTheNextPost(Fault.answerLate(HUNG), shared);
        fireOnceAndKillWhileTheCallIsOut(dead, () -> simulator.tasks().size() == 1);
        Task made = simulator.tasks().get(0);

        // its schedules file names the fire time, past by now: the other bridge never fires it itself
        BridgeProcess other = bridge("other", shared);
        Files.copy(root.resolve("first/config/schedules.yaml"), root.resolve("other/config/schedules.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        other.start();

        assertTakenUpAsOneTask(other, made);
        assertThat(simulator.requests("POST", "/task")).as("the fire time was not posted again").hasSize(1);
    }

    private BridgeProcess bridgeWithTheNextPost(Fault fault, Map<String, String> store) throws IOException {
        simulator = new TikMatrixSimulator(SimulatorSettings.defaults()).start(0);
        simulator.faults().failNext(1, "POST", "/task", fault);
        BridgeProcess bridge = bridge("first", store);
        bridge.start();
        return bridge;
    }

    private BridgeProcess bridge(String name, Map<String, String> store) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/schedules.yaml"), "schedules: []\n");
        Map<String, String> settings = new TreeMap<>(store);
        settings.putAll(Map.of(
                "tikmatrix.base-url", simulator.baseUrl(),
                "bridge.data-dir", home.resolve("data").toString(),
                "tikmatrix.response-timeout", HUNG.plusSeconds(30).toSeconds() + "s",
                "bridge.schedules.reload-interval", "200ms",
                "bridge.licence.check-interval", "200ms",
                "bridge.health.enabled", "false"));
        BridgeProcess bridge = new BridgeProcess(home, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), settings);
        bridges.add(bridge);
        return bridge;
    }

    /**
     * Gives the running bridge a schedule with one fire time, a few seconds ahead (a cron naming the year: once it
     * passed, the trigger never fires again, so whatever runs after the kill is the fire time taken up), waits until
     * its call is out and kills the bridge.
     */
    private void fireOnceAndKillWhileTheCallIsOut(BridgeProcess bridge, Callable<Boolean> callIsOut) throws IOException {
        fireTime = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Files.writeString(root.resolve("first/config/schedules.yaml"), """
                schedules:
                  - name: once
                    cron: "%s"
                    timezone: UTC
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """.formatted(DateTimeFormatter.ofPattern("s m H d M '?' yyyy").format(fireTime)));
        await("the fire time's call out").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            bridge.requireAlive();
            return callIsOut.call();
        });
        bridge.kill();
    }

    /** The fire time's one task is the bridge's: tracked, with its creation event written. */
    private void assertTakenUpAsOneTask(BridgeProcess bridge, Task made) {
        Path creation = bridge.workingDir().resolve("data/events").resolve(made.id() + "-0.json");
        try {
            await("the fire time taken up and its task tracked").atMost(Duration.ofSeconds(60)).until(() -> {
                bridge.requireAlive();
                return Files.exists(creation);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the bridge log ends with:\n" + bridge.logTail(60), e);
        }
        assertThat(bridge.logTail(400)).contains("schedule once: the fire time " + FireTimes.fireTimeText(fireTime)
                + " was left unfinished by a bridge that stopped or died; taken up again");
        assertThat(simulator.tasks()).as("the fire time's tasks").extracting(Task::id).containsExactly(made.id());
    }
}
