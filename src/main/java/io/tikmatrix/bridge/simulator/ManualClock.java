package io.tikmatrix.bridge.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A clock that only moves when told to, so a test can walk tasks through their statuses without sleeping. */
public final class ManualClock implements Supplier<Instant> {

    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant get() {
        return now.get();
    }

    public Instant advance(Duration step) {
        return now.updateAndGet(current -> current.plus(step));
    }
}
