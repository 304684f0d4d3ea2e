package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Keeps the outbox the size of recent traffic: sent events are dropped after bridge.events.retention. */
public class OutboxRetention {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final EventOutbox outbox;
    private final Duration retention;
    private final Supplier<Instant> clock;

    public OutboxRetention(EventOutbox outbox, Duration retention, Supplier<Instant> clock) {
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    public void purge() {
        int dropped = outbox.purgeFinished(clock.get().minus(retention));
        if (dropped > 0) {
            LOG.info("dropped {} sent event(s) older than {} from the outbox", dropped, retention);
        }
    }
}
