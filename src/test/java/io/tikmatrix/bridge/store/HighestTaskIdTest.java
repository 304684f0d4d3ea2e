package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The highest task id known of each host, read at each start (reconciliation tells a lost answer's tasks by it): exact
 * per host, and on H2 read from the end of the table's key, not by reading every task the bridge ever made.
 */
class HighestTaskIdTest {

    private static final int TASKS = 5_000;

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eachHostsHighestTaskIdIsReadFromTheEndOfTheKey(String database) throws SQLException {
        HikariDataSource dataSource = store.open(database);
        TaskStore tasks = new TaskStore(dataSource, new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC()),
                Clock.systemUTC());
        assertThat(tasks.highestTaskId("pc-1")).as("no task yet").isZero();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String host : List.of("pc-1", "pc-2")) {
                s.execute("INSERT INTO bridge_task (host, task_id, status, terminal, created_at, updated_at) SELECT '" + host + "', X"
                        + (host.equals("pc-2") ? " + 100" : "") + ", 2, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "
                        + ("h2".equals(database) ? "SYSTEM_RANGE(1, " + TASKS + ")" : "generate_series(1, " + TASKS + ") AS X"));
            }
        }

        assertThat(List.of(tasks.highestTaskId("pc-1"), tasks.highestTaskId("pc-2"), tasks.highestTaskId("pc-3")))
                .containsExactly((long) TASKS, TASKS + 100L, 0L);
        if ("h2".equals(database)) {
            assertThat(H2Scans.rowsScanned(dataSource, TaskStore.HIGHEST_TASK_ID, "pc-1")).as("rows H2 read of " + 2 * TASKS).isEqualTo(1);
        }
    }
}
