package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.TestDatabases;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridges on one PostgreSQL store: one leads a namespace, the other does not while it lives, and takes over
 * once the leader's session is gone (as when its process is killed).
 */
class StoreLeadershipTest {

    private static final Duration TRY_EVERY = Duration.ofMillis(200);

    /** Closed last opened first: each context before the pool it uses. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void oneBridgeLeadsAndAnotherTakesOverWhenItsSessionDies() throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        CamelClusterView first = view(store);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.getLocalMember().isLeader());
        CamelClusterView second = view(store);
        await("the second bridge stays a follower").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> !second.getLocalMember().isLeader());
        assertThat(second.getLeader()).isEmpty();

        // what a kill -9 does to the leader's session (only this schema's lock: the server may be shared)
        try (Connection c = DriverManager.getConnection(store); PreparedStatement kill = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            long key = StoreLeadership.lockKey(c.getSchema(), "status-poll");
            kill.setLong(1, key >>> 32);
            kill.setLong(2, key & 0xFFFF_FFFFL);
            kill.execute();
        }
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).until(() -> second.getLocalMember().isLeader());
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(TRY_EVERY.multipliedBy(3));
        await("the old leader notices").atMost(Duration.ofSeconds(3)).until(() -> !first.getLocalMember().isLeader());
    }

    @Test
    void bridgesOnAnotherSchemaOfTheDatabaseAreAnotherCluster() throws Exception {
        CamelClusterView one = view(TestDatabases.freshPostgresSchema());
        CamelClusterView other = view(TestDatabases.freshPostgresSchema());
        await().atMost(Duration.ofSeconds(5)).until(() -> one.getLocalMember().isLeader() && other.getLocalMember().isLeader());
    }

    private CamelClusterView view(String store) throws Exception {
        HikariDataSource dataSource = StoreDataSource.open(store, "", "");
        opened.push(dataSource);
        DefaultCamelContext context = new DefaultCamelContext();
        opened.push(context);
        StoreLeadership leadership = new StoreLeadership(dataSource, TRY_EVERY);
        context.addService(leadership);
        context.start();
        return leadership.getView("status-poll");
    }
}
