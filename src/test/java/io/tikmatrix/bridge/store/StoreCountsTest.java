package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracked tasks by status and the journal's keys by state, as the metrics and the console read them: exact after
 * every change, and on a store of this bridge's own counted once, not at each read of tables that only grow.
 */
class StoreCountsTest {

    /** The store's own counts; this test's, ordered, are not taken for them. */
    private static final String COUNT = "SELECT status, COUNT(*) FROM bridge_task GROUP BY status";
    private static final String KEYS = "SELECT state, COUNT(*) FROM bridge_submission GROUP BY state";

    @RegisterExtension
    final StoreDatabase database = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theCountsFollowNewMovedAndMissingTasks(String database) {
        HikariDataSource dataSource = this.database.open(database);
        TaskStore store = new TaskStore(dataSource, new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC()),
                Clock.systemUTC());
        store.apply(List.of(created(1), created(2), created(3)));
        assertThat(store.countByStatus()).isEqualTo(Map.of(0, 3L));

        store.apply(List.of(created(4), moved(1, 0, 1), moved(2, 0, 3)));
        // applied before: skipped, and not counted again
        store.apply(List.of(created(4), moved(1, 0, 1)));
        // a task gone from TikMatrix keeps its last status
        store.apply(List.of(new TaskChange(task(3, 0, true), 0, new OutboxEvent("3-missing", 3L, "{}"))));

        assertThat(store.countByStatus()).isEqualTo(Map.of(0, 2L, 1, 1L, 3, 1L)).isEqualTo(counted(dataSource));
    }

    @Test
    void onAStoreOfItsOwnTheTasksAreCountedOnce() throws SQLException {
        HikariDataSource dataSource = this.database.open("h2");
        TaskStore store = new TaskStore(dataSource, new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC()),
                Clock.systemUTC());
        store.apply(List.of(created(1)));
        statistics(dataSource);
        for (long id = 2; id <= 4; id++) {
            store.countByStatus();
            store.apply(List.of(created(id), moved(id - 1, 0, 2)));
        }

        assertThat(store.countByStatus()).isEqualTo(Map.of(0, 1L, 2, 3L));
        assertThat(timesCounted(dataSource, COUNT)).as("times the tasks were counted").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theKeysCountsFollowClaimsOutcomesWithdrawalsAndReplays(String database) throws SQLException {
        HikariDataSource dataSource = this.database.open(database);
        SubmissionJournal journal = new SubmissionJournal(dataSource, Duration.ofMinutes(1), Clock.systemUTC());
        journal.claim("a", false, 0);
        journal.claim("b", false, 0);
        assertThat(journal.countByState()).isEqualTo(Map.of(SubmissionJournal.State.IN_FLIGHT, 2L));
        statistics(dataSource);

        journal.claimLater("c", 0).await();
        journal.claimLater("d", 0).withdraw();
        journal.submitted("a", List.of(1L));
        journal.deadLettered("b", null, "40001", List.of());
        assertThat(journal.countByState()).isEqualTo(Map.of(SubmissionJournal.State.IN_FLIGHT, 1L,
                SubmissionJournal.State.SUBMITTED, 1L, SubmissionJournal.State.DEAD_LETTERED, 1L));
        // a replay takes its dead-lettered key again; a key settled a second time is moved all the same
        journal.claim("b", true, 0);
        journal.submitted("a", List.of(1L));
        journal.deadLettered("a", null, "ambiguous", List.of(1L));

        assertThat(journal.countByState()).isEqualTo(Map.of(SubmissionJournal.State.IN_FLIGHT, 2L,
                SubmissionJournal.State.DEAD_LETTERED, 1L)).isEqualTo(keysCounted(dataSource));
        if ("h2".equals(database)) {
            assertThat(timesCounted(dataSource, KEYS)).as("counted again only after the key settled twice").isEqualTo(1);
        }
    }

    /** Each first count lands among the writes of eight threads; whichever writes it sees, none is counted twice or lost. */
    @Test
    void theFirstCountTakenWhileTasksChangeMissesNoneAndCountsNoneTwice() throws Exception {
        HikariDataSource dataSource = this.database.open("h2");
        EventOutbox outbox = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        AtomicLong ids = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                TaskStore store = new TaskStore(dataSource, outbox, Clock.systemUTC());
                List<Future<?>> writes = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    writes.add(writers.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            long id = ids.incrementAndGet();
                            store.apply(List.of(created(id)));
                            store.apply(List.of(moved(id, 0, 1 + (int) (id % 3))));
                        }
                    }));
                }
                long before = round * 200L;
                // amid the writes: some made, more to come
                await().atMost(Duration.ofSeconds(60)).until(() -> ids.get() >= before + 40);
                Map<Integer, Long> first = store.countByStatus();
                for (Future<?> write : writes) {
                    write.get(60, TimeUnit.SECONDS);
                }

                assertThat(first.values().stream().mapToLong(Long::longValue).sum()).as("round " + round + ": the first count")
                        .isBetween(before + 40, before + 200);
                assertThat(store.countByStatus()).as("round " + round).isEqualTo(counted(dataSource));
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static Map<SubmissionJournal.State, Long> keysCounted(HikariDataSource dataSource) {
        Map<SubmissionJournal.State, Long> counts = new TreeMap<>();
        new Sql(dataSource).query("count the keys", KEYS + " ORDER BY state", rs -> counts.put(SubmissionJournal.State.valueOf(rs.getString(1)), rs.getLong(2)));
        return counts;
    }

    /** From here on, H2 counts the statements it runs (a PostgreSQL store counts at each read, and is not asked). */
    private static void statistics(HikariDataSource dataSource) throws SQLException {
        if (StoreDataSource.isPostgres(dataSource)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS TRUE");
        }
    }

    private static int timesCounted(HikariDataSource dataSource, String count) {
        return new Sql(dataSource).query("read the statistics", "SELECT EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                + " WHERE SQL_STATEMENT = ?", rs -> rs.getInt(1), count).stream().findFirst().orElse(0);
    }

    private static Map<Integer, Long> counted(HikariDataSource dataSource) {
        Map<Integer, Long> counts = new TreeMap<>();
        new Sql(dataSource).query("count the tasks", COUNT + " ORDER BY status", rs -> counts.put(rs.getInt(1), rs.getLong(2)));
        return counts;
    }

    private static TrackedTask task(long id, int status, boolean terminal) {
        return new TrackedTask(TrackedTask.ONE_HOST, id, "k" + id, "follow", null, null, null, status, terminal);
    }

    private static TaskChange created(long id) {
        return new TaskChange(task(id, 0, false), null, new OutboxEvent(id + "-0", id, "{}"));
    }

    private static TaskChange moved(long id, int from, int to) {
        return new TaskChange(task(id, to, to >= 2), from, new OutboxEvent(id + "-" + to, id, "{}"));
    }
}
