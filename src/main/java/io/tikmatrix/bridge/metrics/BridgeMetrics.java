package io.tikmatrix.bridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The meters of SPEC-named metrics, in Micrometer's dotted names, which its Prometheus naming turns into the
 * names operators query: {@code tikmatrix.bridge.descriptors} is {@code tikmatrix_bridge_descriptors_total}.
 * Every label value known in advance is registered at 0, so a dashboard shows a series before its first event.
 */
public final class BridgeMetrics {

    /** Where a descriptor came from: an inbox file, a schedule's firing (api and bus: sources to come). */
    public static final List<String> SOURCES = List.of("inbox", "schedule", "api", "bus");
    public static final List<String> OUTCOMES = List.of("submitted", "dead_lettered", "duplicate");
    /** How a POST /task ended: tasks made, refused by TikMatrix (any error code but 50001), or worth a retry. */
    public static final String OK = "ok";
    public static final String REJECTED = "rejected";
    public static final String TRANSIENT = "transient";

    private static final String PREFIX = "tikmatrix.bridge.";
    /** Buckets from a quick local answer to the default response time-out (30s), where latencies are told apart. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final Timer callSeconds;
    private final LastMinute descriptorsLastMinute;

    /** @param deadLetterKeys every dead-letter key, registered at 0 */
    public BridgeMetrics(MeterRegistry registry, List<String> deadLetterKeys, Clock clock) {
        this.registry = registry;
        this.descriptorsLastMinute = new LastMinute(clock);
        OUTCOMES.forEach(outcome -> SOURCES.forEach(source -> descriptorCounter(outcome, source)));
        deadLetterKeys.forEach(this::deadLetterCounter);
        List.of(OK, REJECTED, TRANSIENT).forEach(this::apiCallCounter);
        Gauge.builder(PREFIX + "calls.in.flight", callsInFlight, AtomicInteger::get)
                .description("POST /task requests sent and not answered yet").register(registry);
        callSeconds = Timer.builder(PREFIX + "api.call").description("how long POST /task took, answered or not")
                .serviceLevelObjectives(CALL_BUCKETS).register(registry);
    }

    /** @param outcome a receipt line's outcome: submitted, dead-lettered or duplicate */
    public void descriptor(String outcome, String source) {
        descriptorCounter(outcome.replace('-', '_').toLowerCase(Locale.ROOT), source).increment();
        descriptorsLastMinute.mark();
    }

    /** Receipt lines of the last 60 seconds, whatever their outcome: the operator console's "per minute". */
    public long descriptorsLastMinute() {
        return descriptorsLastMinute.count();
    }

    /** POST /task requests waiting for their answer now, as the gauge shows them. */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    public void deadLetter(String key) {
        deadLetterCounter(key).increment();
    }

    public void scheduleFired(String schedule) {
        Counter.builder(PREFIX + "schedule.firings").description("fire times of each schedule that became a descriptor")
                .tag("schedule", schedule).register(registry).increment();
    }

    /** A POST /task leaves: it is in flight until {@link #callEnded}. */
    public Timer.Sample callStarted() {
        callsInFlight.incrementAndGet();
        return Timer.start(registry);
    }

    /** @param result {@link #OK}, {@link #REJECTED} or {@link #TRANSIENT} */
    public void callEnded(Timer.Sample call, String result) {
        callsInFlight.decrementAndGet();
        call.stop(callSeconds);
        apiCallCounter(result).increment();
    }

    /** @param count the tasks the store tracks in that status, read at each scrape */
    public void trackTasks(String status, Supplier<Number> count) {
        Gauge.builder(PREFIX + "tasks", count).description("tasks the bridge created, by the status it last saw")
                .tag("status", status).register(registry);
    }

    /** @param count the events waiting in the outbox for that endpoint, read at each scrape */
    public void trackEventsWaiting(String endpoint, Supplier<Number> count) {
        Gauge.builder(PREFIX + "events.waiting", count).description("status events not yet delivered to the endpoint")
                .tag("endpoint", endpoint).register(registry);
    }

    public void trackIntake(BooleanSupplier open) {
        Gauge.builder(PREFIX + "intake.open", () -> open.getAsBoolean() ? 1 : 0)
                .description("1 while files and schedules are taken in, 0 while intake is held").register(registry);
    }

    private Counter descriptorCounter(String outcome, String source) {
        return Counter.builder(PREFIX + "descriptors").description("descriptors by what became of them and where they came from")
                .tag("outcome", outcome).tag("source", source).register(registry);
    }

    private Counter deadLetterCounter(String key) {
        return Counter.builder(PREFIX + "dead.letters").description("dead-letter records written, by key")
                .tag("key", key).register(registry);
    }

    private Counter apiCallCounter(String result) {
        return Counter.builder(PREFIX + "api.calls").description("POST /task requests by how they ended")
                .tag("result", result).register(registry);
    }
}
