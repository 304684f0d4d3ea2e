package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/** Keeps the outbox the size of recent traffic: sent events are dropped after bridge.events.retention. */
public class OutboxRetention {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final EventOutbox outbox;
    private final Duration retention;
    private final Clock clock;

    public OutboxRetention(EventOutbox outbox, Duration retention, Clock clock) {
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    public void purge() {
        int dropped = outbox.purgeFinished(clock.instant().minus(retention));
        if (dropped > 0) {
            LOG.info("dropped {} sent event(s) older than {} from the outbox", dropped, retention);
        }
    }
}
