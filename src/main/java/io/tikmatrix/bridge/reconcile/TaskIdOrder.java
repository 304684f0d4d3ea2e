package io.tikmatrix.bridge.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest task id the bridge has seen, and whether TikMatrix's ids have kept increasing. While they do,
 * a task with an id at or below the highest one known before a call cannot have been made by that call,
 * which narrows what reconciliation must tell apart. The API does not promise increasing ids, so the first
 * new id found at or below that mark turns the narrowing off for good.
 */
public class TaskIdOrder {

    private static final Logger LOG = LoggerFactory.getLogger(TaskIdOrder.class);

    private final AtomicLong highest;
    private volatile boolean increasing = true;

    public TaskIdOrder(long highestKnown) {
        this.highest = new AtomicLong(highestKnown);
    }

    public long highest() {
        return highest.get();
    }

    /** The ids a call made, and the highest id known before it was sent. */
    public void made(List<Long> ids, long highestBefore) {
        for (long id : ids) {
            if (id <= highestBefore && increasing) {
                increasing = false;
                LOG.warn("TikMatrix made task {} after task {} was known: its ids do not increase, so reconciliation"
                        + " no longer narrows its search by id", id, highestBefore);
            }
            highest.accumulateAndGet(id, Math::max);
        }
    }

    public boolean increasing() {
        return increasing;
    }
}
