package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Writes of several threads that wait at the same moment share one transaction, yet each is its own: committed
 * when its writer goes on, and undone alone when it fails.
 */
class GroupCommitTest {

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void writesWaitingTogetherShareOneCommitAndAFailingOneIsUndoneAlone(String database) throws Exception {
        HikariDataSource dataSource = store.open(database);
        Sql sql = withTestTable(dataSource);
        String transactionId = "h2".equals(database) ? "SELECT TRANSACTION_ID()" : "SELECT txid_current()";
        Map<String, String> transactionOf = new ConcurrentHashMap<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch holdFirst = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            // the first write holds the store while the others queue up behind it
            Future<Boolean> first = writers.submit(() -> sql.write("hold the store", c -> {
                insert(c, "a");
                firstInside.countDown();
                waitFor(holdFirst);
                return true;
            }));
            assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
            List<Thread> queued = new CopyOnWriteArrayList<>();
            List<Future<Boolean>> others = List.of("b", "c").stream().map(k -> writers.submit(() -> {
                queued.add(Thread.currentThread());
                return sql.write("insert " + k, c -> {
                    boolean inserted = insert(c, k);
                    // H2 numbers a transaction once it has written
                    transactionOf.put(k, read(c, transactionId));
                    return inserted;
                });
            })).toList();
            // a write of two rows whose second is taken: neither stays
            Future<Boolean> failing = writers.submit(() -> {
                queued.add(Thread.currentThread());
                return sql.write("insert d and a", c -> {
                    insert(c, "d");
                    transactionOf.put("d", read(c, transactionId));
                    return insert(c, "a");
                });
            });
            await().until(() -> queued.size() == 3 && queued.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            holdFirst.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            for (Future<Boolean> other : others) {
                assertThat(other.get(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                    .cause().hasMessageStartingWith("cannot insert d and a: ");
            assertThat(transactionOf.values()).as("the three queued writes ran in one transaction").hasSize(3).containsOnly(transactionOf.get("b"));
            assertThat(List.of(count(dataSource, "a"), count(dataSource, "b"), count(dataSource, "c"), count(dataSource, "d")))
                    .containsExactly(1, 1, 1, 0);
        } finally {
            holdFirst.countDown();
            writers.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eachWriterFindsItsWriteCommittedWhenItGoesOn(String database) throws Exception {
        HikariDataSource dataSource = store.open(database);
        Sql sql = withTestTable(dataSource);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> inserts = IntStream.range(0, 200).mapToObj(i -> writers.submit(() -> {
                String key = "k" + (i % 100);
                boolean inserted = sql.insertIfAbsent("insert " + key, "INSERT INTO group_commit_test (k) VALUES (?)", key);
                // seen from another connection the moment its writer goes on, whoever inserted it
                assertThat(count(dataSource, key)).isEqualTo(1);
                return inserted;
            })).toList();
            int inserted = 0;
            for (Future<Boolean> insert : inserts) {
                inserted += insert.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(inserted).as("each key inserted once, the second writer told it was there").isEqualTo(100);
            assertThat(sql.query("count rows", "SELECT COUNT(*) FROM group_commit_test", rs -> rs.getInt(1))).containsExactly(100);
        } finally {
            writers.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWriteMadeWithinAnotherIsPartOfItAndWhatWaitsForTheCommitWaits(String database) {
        HikariDataSource dataSource = store.open(database);
        Sql sql = withTestTable(dataSource);
        List<String> afterCommit = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> sql.inTransaction("x and y, then fail", c -> {
            insert(c, "x");
            assertThat(sql.insertIfAbsent("insert y", "INSERT INTO group_commit_test (k) VALUES (?)", "y")).isTrue();
            // a taken key fails the inner write alone: the transaction goes on, on PostgreSQL too
            assertThat(sql.insertIfAbsent("insert x again", "INSERT INTO group_commit_test (k) VALUES (?)", "x")).isFalse();
            GroupCommit.afterCommit(() -> afterCommit.add("failed"));
            throw new IllegalStateException("the outer write fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(List.of(count(dataSource, "x"), count(dataSource, "y"))).as("undone with the outer write").containsExactly(0, 0);

        sql.inTransaction("x and y", c -> {
            insert(c, "x");
            sql.update("insert y", "INSERT INTO group_commit_test (k) VALUES (?)", "y");
            // an inner write that fails is undone with what it meant to do once committed; the outer one goes on
            assertThatThrownBy(() -> sql.inTransaction("z and x again", inner -> {
                insert(inner, "z");
                GroupCommit.afterCommit(() -> afterCommit.add("z"));
                insert(inner, "x");
            })).isInstanceOf(StoreException.class);
            GroupCommit.afterCommit(() -> afterCommit.add("seen " + count(dataSource, "x") + count(dataSource, "y") + count(dataSource, "z")));
            assertThat(afterCommit).as("not before the commit").isEmpty();
        });
        assertThat(afterCommit).containsExactly("seen 110");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWriteMadeLaterGoesWithTheNextCommitOrWithTheOneItsAwaitMakes(String database) {
        HikariDataSource dataSource = store.open(database);
        Sql sql = withTestTable(dataSource);

        PendingCommit first = sql.inTransactionLater("insert l1", c -> insert(c, "l1"));
        assertThat(first.isCommitted()).as("queued, not written").isFalse();
        assertThat(count(dataSource, "l1")).isZero();
        // another writer's commit takes it along
        assertThat(sql.insertIfAbsent("insert w", "INSERT INTO group_commit_test (k) VALUES (?)", "w")).isTrue();
        assertThat(first.isCommitted()).isTrue();
        assertThat(count(dataSource, "l1")).isEqualTo(1);

        // nobody else writes: its await commits it
        PendingCommit second = sql.inTransactionLater("insert l2", c -> insert(c, "l2"));
        second.await();
        assertThat(second.isCommitted()).isTrue();
        assertThat(count(dataSource, "l2")).isEqualTo(1);

        // one that fails is undone alone, and its failure is told to whoever awaits it
        PendingCommit failing = sql.inTransactionLater("insert l3 and w", c -> {
            insert(c, "l3");
            insert(c, "w");
        });
        PendingCommit beside = sql.inTransactionLater("insert l4", c -> insert(c, "l4"));
        assertThatThrownBy(failing::await).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot insert l3 and w: ");
        assertThat(failing.isCommitted()).isFalse();
        assertThat(beside.isCommitted()).as("committed by the same commit").isTrue();
        assertThat(List.of(count(dataSource, "l3"), count(dataSource, "l4"))).containsExactly(0, 1);

        // a store that closes commits what is queued first
        sql.inTransactionLater("insert l5", c -> insert(c, "l5"));
        sql.flush();
        assertThat(count(dataSource, "l5")).isEqualTo(1);
    }

    /** The store's statements, its test table made. */
    private static Sql withTestTable(HikariDataSource dataSource) {
        Sql sql = new Sql(dataSource);
        sql.schema("a test table", "CREATE TABLE IF NOT EXISTS group_commit_test (k VARCHAR(16) PRIMARY KEY)");
        return sql;
    }

    private static void waitFor(CountDownLatch latch) throws SQLException {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    private static boolean insert(Connection c, String key) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO group_commit_test (k) VALUES (?)")) {
            insert.setString(1, key);
            return insert.executeUpdate() == 1;
        }
    }

    private static String read(Connection c, String query) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(query); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int count(HikariDataSource dataSource, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM group_commit_test WHERE k = ?")) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
