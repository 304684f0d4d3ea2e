package io.tikmatrix.bridge.licence;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A descriptor already in flight when the licence is refused waits as an exchange, not in a thread, and once the
 * licence is back every descriptor of its file has exactly one task: none dead-lettered, none posted twice. A stop
 * does not wait for the licence.
 */
class HeldInFlightTest {

    private static final String WARMUP =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60, \"topic\": \"%s\"}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @RegisterExtension
    final CapturedLogs shutdown = CapturedLogs.of(DefaultShutdownStrategy.class);

    @Test
    void aDescriptorRefusedInFlightHoldsNoThreadWhileItWaits() {
        bridge.with("tikmatrix.response-timeout", "10s").start();
        refuseInFlight("inflight.json");

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(submitPool().getActiveCount()).as("submit threads at work").isZero();
            assertThat(threadsWaitingInTheGate()).isEmpty();
            assertThat(bridge.dir("inbox/inflight.json")).exists();
            assertThat(bridge.dir("receipts/inflight.json.receipt.json")).doesNotExist();
            assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
        });

        bridge.simulator().faults().setPlan(true);

        assertThat(bridge.awaitReceipt("inflight.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.simulator().tasks()).hasSize(1);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    @Test
    void aStopEndsTheWaitAndTheDescriptorIsSubmittedOnceAfterTheNextStart() {
        // a stop that has to wait for the wait runs into the shutdown time-out: connect (5s) plus response time-out
        bridge.with("tikmatrix.response-timeout", "2s").with("bridge.licence.check-interval", "1s").start();
        refuseInFlight("stopped.json");

        bridge.stop();

        assertThat(shutdown.all()).doesNotContain("Timeout occurred during graceful shutdown");
        assertThat(bridge.dir("inbox/stopped.json")).as("left for the next start").exists();
        assertThat(bridge.dir("receipts/stopped.json.receipt.json")).doesNotExist();
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();

        bridge.simulator().faults().setPlan(true);
        bridge.start();

        assertThat(bridge.awaitReceipt("stopped.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.simulator().tasks()).hasSize(1);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }

    @Test
    void aFileRefusedMidWayEndsWithEveryDescriptorSubmittedOnce() {
        bridge.with("bridge.api.concurrency", "2").with("tikmatrix.response-timeout", "10s").start();
        // slow calls, so that the plan goes while some descriptors are in their call and others not yet claimed
        bridge.simulator().faults().failAlways("POST", "/task", Fault.delay(Duration.ofMillis(200)));
        List<String> topics = IntStream.range(0, 40).mapToObj(i -> "t" + i).toList();
        bridge.drop("many.jsonl", topics.stream().map(WARMUP::formatted).collect(Collectors.joining("\n")));
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.simulator().tasks().size() >= 3);
        bridge.simulator().faults().setPlan(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_LICENCE);
        int madeBeforeTheHold = bridge.simulator().tasks().size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(bridge.simulator().tasks()).hasSize(madeBeforeTheHold);
            assertThat(bridge.dir("inbox/many.jsonl")).exists();
            assertThat(bridge.dir("receipts/many.jsonl.receipt.json")).doesNotExist();
        });

        // the licence is back, and the calls are quick again
        bridge.simulator().faults().clear();

        JsonNode summary = bridge.awaitReceipt("many.jsonl").path("summary");
        Map<String, Long> tasksPerLine = bridge.simulator().tasks().stream()
                .collect(Collectors.groupingBy(t -> t.scriptConfig().path("topic").asText(), Collectors.counting()));
        assertThat(tasksPerLine.keySet()).containsExactlyInAnyOrderElementsOf(topics);
        assertThat(tasksPerLine).allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
        assertThat(summary.path("submitted").asInt() + summary.path("duplicate").asInt()).isEqualTo(40);
        assertThat(summary.path("dead_lettered").asInt()).isZero();
        assertThat(bridge.dir("deadletter")).isEmptyDirectory();
    }

    /**
     * Drops a file of one descriptor whose call is answered only after the plan lost API access: 40301 to a
     * descriptor in flight. Returns once the answer is read and intake is held.
     */
    private void refuseInFlight(String name) {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.delay(Duration.ofSeconds(1)));
        bridge.drop(name, WARMUP.formatted("one"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.simulator().requestCount("POST", "/task") == 1);
        bridge.simulator().faults().setPlan(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.bridge().licenceGate().state() == LicenceGate.State.HELD_LICENCE
                && submitPool().getActiveCount() == 0);
    }

    private ThreadPoolExecutor submitPool() {
        return bridge.bridge().camelContext().getRegistry().lookupByNameAndType("submitPool", ThreadPoolExecutor.class);
    }

    /** Threads parked (waiting, sleeping) with the licence gate or its refusal hook on their stack. */
    private static List<String> threadsWaitingInTheGate() {
        Set<String> gate = Set.of(LicenceGate.class.getName(), LicenceRefusal.class.getName());
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING || e.getKey().getState() == Thread.State.TIMED_WAITING)
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(frame -> gate.contains(frame.getClassName())))
                .map(e -> e.getKey().getName())
                .toList();
    }
}
