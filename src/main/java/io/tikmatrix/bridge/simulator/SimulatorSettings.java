package io.tikmatrix.bridge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the simulated tasks behave over time.
 *
 * @param pendingFor   how long a new (or retried) task stays pending
 * @param runningFor   how long it then stays running before it completes or fails
 * @param failureRatio share of runs that end failed, 0..1; drawn from a generator seeded with {@code seed}
 *                     so a test run is repeatable (a {@code "simulate": "fail"} config always fails)
 * @param seed         seed of that generator
 * @param clock        the time the task statuses are computed from; tests pass a {@link ManualClock}
 */
public record SimulatorSettings(Duration pendingFor, Duration runningFor, double failureRatio, long seed,
                                Supplier<Instant> clock) {

    public SimulatorSettings {
        requireNotNegative(pendingFor, "pendingFor");
        requireNotNegative(runningFor, "runningFor");
        if (!(failureRatio >= 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be within 0..1, was " + failureRatio);
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0, 42, Instant::now);
    }

    public SimulatorSettings withPendingFor(Duration value) {
        return new SimulatorSettings(value, runningFor, failureRatio, seed, clock);
    }

    public SimulatorSettings withRunningFor(Duration value) {
        return new SimulatorSettings(pendingFor, value, failureRatio, seed, clock);
    }

    public SimulatorSettings withFailureRatio(double value) {
        return new SimulatorSettings(pendingFor, runningFor, value, seed, clock);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, value, clock);
    }

    public SimulatorSettings withClock(Supplier<Instant> value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, value);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
