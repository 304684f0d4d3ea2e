package io.tikmatrix.bridge.metrics;

import java.time.Clock;

/**
 * How many times something happened in the last 60 seconds, counted in one-second slots: the answer to "how fast
 * is it going now" that a counter since the start cannot give, at the same small cost however fast it goes.
 */
final class LastMinute {

    private static final int SLOTS = 60;

    private final Clock clock;
    /** The second since the epoch that each slot counts; a slot of an older second is stale. */
    private final long[] seconds = new long[SLOTS];
    private final long[] counts = new long[SLOTS];

    LastMinute(Clock clock) {
        this.clock = clock;
    }

    synchronized void mark() {
        long now = clock.millis() / 1000;
        int slot = (int) (now % SLOTS);
        if (seconds[slot] != now) {
            seconds[slot] = now;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    synchronized long count() {
        long now = clock.millis() / 1000;
        long total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (now - seconds[slot] < SLOTS) {
                total += counts[slot];
            }
        }
        return total;
    }
}
