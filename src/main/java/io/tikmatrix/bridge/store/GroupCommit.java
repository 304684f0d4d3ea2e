package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writes of every thread on one store, committed together. A commit is what a store pays for most (H2 writes
 * a chunk of pages to its file for each one, PostgreSQL flushes its log), and the bridge's writes come from many
 * threads at once: the descriptors in flight, the status poll, the event deliveries. Each writer queues its write
 * and waits; whoever finds the store free runs every queued write in one transaction, each behind a savepoint so
 * that one failing write is undone alone and reported to its own writer, commits once, and lets them all go.
 * A writer returns only once its write is committed, as with a transaction of its own; a write that fails leaves
 * no trace. When the shared commit itself fails (a connection lost, a deadlock with another bridge on a shared
 * store), each write of it is tried again alone.
 */
final class GroupCommit {

    @FunctionalInterface
    interface Write<T> {
        T run(Connection c) throws SQLException;
    }

    /** One per store: keyed weakly, so a store that was closed and dropped takes its entry with it. */
    private static final Map<DataSource, GroupCommit> BY_STORE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Queue<Pending<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    private GroupCommit() {
    }

    static GroupCommit of(DataSource store) {
        return BY_STORE.computeIfAbsent(store, s -> new GroupCommit());
    }

    /** Runs the write in the next commit and returns its result once that commit is done. */
    <T> T run(DataSource store, Write<T> write) throws SQLException {
        Pending<T> pending = new Pending<>(write);
        queued.add(pending);
        committing.lock();
        try {
            if (!pending.done) {
                commitQueued(store);
            }
        } finally {
            committing.unlock();
        }
        return pending.outcome();
    }

    private void commitQueued(DataSource store) {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> next = queued.poll(); next != null; next = queued.poll()) {
            batch.add(next);
        }
        try {
            inOneTransaction(store, batch);
        } catch (SQLException | RuntimeException shared) {
            // nothing of the batch was committed: each write that had gone through runs again, on its own
            for (Pending<?> pending : batch) {
                if (pending.failure == null) {
                    try {
                        inOneTransaction(store, List.of(pending));
                    } catch (SQLException | RuntimeException alone) {
                        pending.failure = alone;
                    }
                }
            }
        } finally {
            batch.forEach(pending -> pending.done = true);
        }
    }

    private static void inOneTransaction(DataSource store, List<Pending<?>> writes) throws SQLException {
        try (Connection c = store.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> pending : writes) {
                    // a savepoint only where a failure must spare the others: PostgreSQL aborts the whole transaction
                    Savepoint before = writes.size() > 1 ? c.setSavepoint() : null;
                    try {
                        pending.runOn(c);
                    } catch (SQLException | RuntimeException e) {
                        if (before != null) {
                            c.rollback(before);
                        } else {
                            c.rollback();
                        }
                        pending.failure = e;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A queued write: its result or failure is read by its writer only after the commit that ran it. */
    private static final class Pending<T> {
        private final Write<T> write;
        private T result;
        private Exception failure;
        private boolean done;

        Pending(Write<T> write) {
            this.write = write;
        }

        /** The write's statements say what it returns: a run that was undone and made again starts afresh. */
        void runOn(Connection c) throws SQLException {
            result = write.run(c);
        }

        T outcome() throws SQLException {
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            return result;
        }
    }
}
