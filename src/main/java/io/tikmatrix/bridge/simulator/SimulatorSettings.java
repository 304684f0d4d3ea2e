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
 * @param maxPageSize  the largest page {@code GET /task} serves, whatever {@code page_size} asks: the docs say
 *                     100, a real TikMatrix may cap lower, and a client must page by what it is answered
 * @param minimalTaskObjects true to answer task objects (list items and {@code GET /task/{id}}) with only
 *                     {@code id} and {@code status}, the least a client may count on, as no other field is documented
 * @param listOrder    the order of {@code GET /task}, which the docs do not give: a client must work with either
 * @param inventory    the phones and accounts {@code GET /rpc/devices} and {@code GET /accounts} show
 */
public record SimulatorSettings(Duration pendingFor, Duration runningFor, double failureRatio, long seed,
                                Supplier<Instant> clock, int maxPageSize, boolean minimalTaskObjects,
                                ListOrder listOrder, SimulatedInventory inventory) {

    /** How {@code GET /task} sorts the tasks it lists: by id, the order they were created in, or the reverse. */
    public enum ListOrder { OLDEST_FIRST, NEWEST_FIRST }

    /** The {@code page_size} maximum the API reference documents. */
    public static final int DOCUMENTED_MAX_PAGE_SIZE = 100;

    public SimulatorSettings {
        requireNotNegative(pendingFor, "pendingFor");
        requireNotNegative(runningFor, "runningFor");
        if (!(failureRatio >= 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be within 0..1, was " + failureRatio);
        }
        Objects.requireNonNull(clock, "clock");
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
        }
        Objects.requireNonNull(listOrder, "listOrder");
        Objects.requireNonNull(inventory, "inventory");
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0, 42, Instant::now,
                DOCUMENTED_MAX_PAGE_SIZE, false, ListOrder.OLDEST_FIRST, SimulatedInventory.defaults());
    }

    public SimulatorSettings withPendingFor(Duration value) {
        return new SimulatorSettings(value, runningFor, failureRatio, seed, clock, maxPageSize, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withRunningFor(Duration value) {
        return new SimulatorSettings(pendingFor, value, failureRatio, seed, clock, maxPageSize, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withFailureRatio(double value) {
        return new SimulatorSettings(pendingFor, runningFor, value, seed, clock, maxPageSize, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, value, clock, maxPageSize, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withClock(Supplier<Instant> value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, value, maxPageSize, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withMaxPageSize(int value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, clock, value, minimalTaskObjects, listOrder, inventory);
    }

    public SimulatorSettings withMinimalTaskObjects(boolean value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, clock, maxPageSize, value, listOrder, inventory);
    }

    public SimulatorSettings withListOrder(ListOrder value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, clock, maxPageSize, minimalTaskObjects, value, inventory);
    }

    public SimulatorSettings withInventory(SimulatedInventory value) {
        return new SimulatorSettings(pendingFor, runningFor, failureRatio, seed, clock, maxPageSize, minimalTaskObjects, listOrder, value);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
