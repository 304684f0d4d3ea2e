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

    /** The write this thread runs now, if any: a write made from within it joins its transaction. */
    private static final ThreadLocal<Pending<?>> RUNNING = new ThreadLocal<>();

    /** One per store: keyed weakly, so a store that was closed and dropped takes its entry with it. */
    private static final Map<DataSource, GroupCommit> BY_STORE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Queue<Pending<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    private GroupCommit() {
    }

    static GroupCommit of(DataSource store) {
        return BY_STORE.computeIfAbsent(store, s -> new GroupCommit());
    }

    /**
     * Runs the write in the next commit and returns its result once that commit is done. Called from within
     * another write, it is part of that one: done (or undone) with it, and committed when it is.
     */
    <T> T run(DataSource store, Write<T> write) throws SQLException {
        Pending<?> outer = RUNNING.get();
        if (outer != null && outer.store == this) {
            return outer.join(write);
        }
        return committed(store, queue(write));
    }

    /**
     * Queues the write and returns at once: it goes with the next commit that any writer makes, or with the one
     * that {@link Queued#committed()} makes when nobody has committed it yet. Its writer goes on meanwhile, and
     * awaits the commit only where it must be sure of it.
     */
    <T> Queued<T> later(DataSource store, Write<T> write) {
        Pending<T> pending = queue(write);
        return new Queued<>() {
            @Override
            public T committed() throws SQLException {
                return GroupCommit.this.committed(store, pending);
            }

            @Override
            public boolean isCommitted() {
                return pending.done && pending.failure == null;
            }
        };
    }

    /** Commits whatever is queued, so that a store closing loses no write made {@link #later}. */
    void flush(DataSource store) {
        committing.lock();
        try {
            if (!queued.isEmpty()) {
                commitQueued(store);
            }
        } finally {
            committing.unlock();
        }
    }

    /** A write made {@link #later}. */
    interface Queued<T> {
        /** @return its result, once committed (committing it now if nobody has); or throws its failure */
        T committed() throws SQLException;

        /** Without waiting: whether it is committed yet. */
        boolean isCommitted();
    }

    private <T> Pending<T> queue(Write<T> write) {
        Pending<T> pending = new Pending<>(this, write);
        queued.add(pending);
        return pending;
    }

    private <T> T committed(DataSource store, Pending<T> pending) throws SQLException {
        if (!pending.done) {
            committing.lock();
            try {
                if (!pending.done) {
                    commitQueued(store);
                }
            } finally {
                committing.unlock();
            }
        }
        return pending.outcome();
    }

    /** Runs the action once what this thread writes now is committed; at once when it writes nothing. */
    static void afterCommit(Runnable action) {
        Pending<?> running = RUNNING.get();
        if (running == null) {
            action.run();
        } else {
            running.afterCommit.add(action);
        }
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
        boolean committed = false;
        try (Connection c = store.getConnection()) {
            // the pool sets auto-commit back when the connection returns to it
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
                committed = true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // once committed, a failure to hand the connection back changes nothing written: never write it twice
            if (!committed) {
                throw e;
            }
        }
        for (Pending<?> pending : writes) {
            if (pending.failure == null) {
                pending.afterCommit.forEach(Runnable::run);
            }
        }
    }

    /** A queued write: its result or failure is read by its writer only after the commit that ran it. */
    private static final class Pending<T> {
        private final GroupCommit store;
        private final Write<T> write;
        private final List<Runnable> afterCommit = new ArrayList<>();
        private Connection connection;
        private T result;
        private Exception failure;
        /** Read without the lock by a writer that made its write {@link #later}: what it reads then is all written. */
        private volatile boolean done;

        Pending(GroupCommit store, Write<T> write) {
            this.store = store;
            this.write = write;
        }

        /** The write's statements say what it returns: a run that was undone and made again starts afresh. */
        void runOn(Connection c) throws SQLException {
            afterCommit.clear();
            connection = c;
            RUNNING.set(this);
            try {
                result = write.run(c);
            } finally {
                RUNNING.remove();
                connection = null;
            }
        }

        /**
         * A write made from within this one, behind a savepoint of its own: its failure undoes it alone, and the actions
         * it meant to run once committed with it.
         */
        <W> W join(Write<W> inner) throws SQLException {
            Savepoint before = connection.setSavepoint();
            int actionsBefore = afterCommit.size();
            try {
                return inner.run(connection);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(before);
                afterCommit.subList(actionsBefore, afterCommit.size()).clear();
                throw e;
            }
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
