package io.tikmatrix.bridge.store;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Camel's cluster service on a shared PostgreSQL store, for {@code ClusteredRoutePolicy}: the leader of a namespace
 * is the bridge whose session holds that namespace's advisory lock. PostgreSQL's own lock manager decides, and drops
 * the lock with the session, so a bridge that dies (its connection closes with its process) or loses the store lets
 * go at once, and another bridge takes over at its next try, within {@code tryEvery}.
 */
public final class StoreLeadership extends AbstractCamelClusterService<StoreLeadership.View> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreLeadership.class);

    private final DataSource store;
    private final Duration tryEvery;
    private ScheduledExecutorService tries;

    public StoreLeadership(DataSource store, Duration tryEvery) {
        super("store-leadership-" + UUID.randomUUID());
        this.store = store;
        this.tryEvery = tryEvery;
    }

    @Override
    protected void doStart() throws Exception {
        tries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "store-leadership");
            thread.setDaemon(true);
            return thread;
        });
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        tries.shutdownNow();
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    /**
     * The advisory lock of a namespace in a schema: bridges on one schema share it, other schemas of the database
     * (other clusters, tests) do not. A name-based UUID's first half, so every bridge computes the same.
     */
    static long lockKey(String schema, String namespace) {
        return UUID.nameUUIDFromBytes(("tikmatrix-bridge/" + schema + "/" + namespace).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    /** One namespace: who holds its lock. Only this bridge is known; the others are told apart by the lock alone. */
    public final class View extends AbstractCamelClusterView {

        /** Known once the store was first asked: advisory locks are per database, so the key names the schema too. */
        private Long lockKey;
        private final Member local = new Member();
        private ScheduledFuture<?> looking;
        /** The session that holds the lock, while this bridge leads. */
        private Connection holding;

        View(String namespace) {
            super(StoreLeadership.this, namespace);
        }

        @Override
        protected void doStart() {
            looking = tries.scheduleWithFixedDelay(this::look, 0, tryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            looking.cancel(false);
            synchronized (this) {
                if (holding != null) {
                    try (PreparedStatement unlock = holding.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        // the pool keeps the session: the lock must not go back with it
                        unlock.setLong(1, lockKey);
                        unlock.execute();
                    } catch (SQLException e) {
                        LOG.warn("could not let go of the {} leadership: {}", getNamespace(), e.getMessage());
                    }
                    lose();
                }
            }
        }

        /** Tries for the lock, or checks the session that holds it is still there. */
        private synchronized void look() {
            try {
                if (holding == null) {
                    Connection c = store.getConnection();
                    if (tryLock(c)) {
                        holding = c;
                        LOG.info("this bridge now leads {}", getNamespace());
                        fireLeadershipChangedEvent(Optional.of(local));
                    } else {
                        c.close();
                    }
                } else if (!holding.isValid((int) Math.max(1, tryEvery.toSeconds()))) {
                    LOG.warn("this bridge lost the store's session that held the {} leadership", getNamespace());
                    lose();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("cannot ask the store for the {} leadership: {}", getNamespace(), e.getMessage());
                if (holding != null) {
                    lose();
                }
            }
        }

        private boolean tryLock(Connection c) throws SQLException {
            if (lockKey == null) {
                lockKey = lockKey(c.getSchema(), getNamespace());
            }
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, lockKey);
                try (ResultSet rs = lock.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        }

        private void lose() {
            Connection c = holding;
            holding = null;
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a lost session: {}", e.getMessage());
            }
            fireLeadershipChangedEvent(Optional.empty());
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return isLeading() ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        private synchronized boolean isLeading() {
            return holding != null;
        }

        private final class Member implements CamelClusterMember {
            @Override
            public boolean isLeader() {
                return isLeading();
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return StoreLeadership.this.getId();
            }
        }
    }
}
