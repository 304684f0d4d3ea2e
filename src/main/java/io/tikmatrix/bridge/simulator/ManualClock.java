package io.tikmatrix.bridge.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A clock that only moves when told to, so a test can walk tasks through their statuses without sleeping.
 * A {@link Clock} too (in UTC), so the same test can hand it to the bridge's classes.
 */
public final class ManualClock extends Clock implements Supplier<Instant> {

    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant get() {
        return instant();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving time, seen from {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        ManualClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }

    public Instant advance(Duration step) {
        return now.updateAndGet(current -> current.plus(step));
    }
}
