package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Every task the bridge created, with the last status it was seen in. A task's new state and the event
 * announcing it are committed together, so after a restart the bridge resumes from here and neither
 * loses a task nor announces a transition twice.
 */
public class TaskStore {

    private static final String COLUMNS = "host, task_id, descriptor_key, script_name, serial, username, source, status, terminal";
    /** The last of a host's tasks along the table's key (host, task_id). */
    static final String HIGHEST_TASK_ID = "SELECT task_id FROM bridge_task WHERE host = ? ORDER BY host DESC, task_id DESC LIMIT 1";

    private final Sql sql;
    private final EventOutbox outbox;
    private final Clock clock;
    private final RunningCounts<Integer> byStatus;

    public TaskStore(DataSource dataSource, EventOutbox outbox, Clock clock) {
        this.sql = new Sql(dataSource);
        this.outbox = outbox;
        this.clock = clock;
        sql.schema("the task table", "CREATE TABLE IF NOT EXISTS bridge_task ("
                        + " host VARCHAR(64) NOT NULL,"
                        + " task_id BIGINT NOT NULL,"
                        + " descriptor_key VARCHAR(2048),"
                        + " script_name VARCHAR(255),"
                        + " serial VARCHAR(255),"
                        + " username VARCHAR(255),"
                        + " source VARCHAR(4000),"
                        + " status INT NOT NULL,"
                        + " terminal BOOLEAN NOT NULL,"
                        + " created_at TIMESTAMP NOT NULL,"
                        + " updated_at TIMESTAMP NOT NULL,"
                        + " CONSTRAINT bridge_task_host_id PRIMARY KEY (host, task_id))",
                "CREATE INDEX IF NOT EXISTS bridge_task_active ON bridge_task (terminal)");
        keyByHost(dataSource);
        byStatus = new RunningCounts<>(sql, "count the tracked tasks", "SELECT status, COUNT(*) FROM bridge_task GROUP BY status",
                rs -> rs.getInt(1), StoreDataSource.isShared(dataSource));
    }

    /**
     * A store made before the fleet (README, "Fleet and cluster") keyed its tasks by id alone, all of one host: they
     * become the one host's, and the key becomes (host, id), since each TikMatrix numbers its tasks from 1.
     */
    private void keyByHost(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            // unquoted names are kept upper case by H2, lower case by PostgreSQL; only this schema's table counts
            boolean upper = c.getMetaData().storesUpperCaseIdentifiers();
            try (ResultSet column = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(),
                    upper ? "BRIDGE_TASK" : "bridge_task", upper ? "HOST" : "host")) {
                if (column.next()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the task table's columns", e);
        }
        boolean postgres = StoreDataSource.isPostgres(dataSource);
        sql.schema("the task table's host column",
                "ALTER TABLE bridge_task ADD COLUMN host VARCHAR(64) DEFAULT '" + TrackedTask.ONE_HOST + "' NOT NULL",
                postgres ? "ALTER TABLE bridge_task DROP CONSTRAINT bridge_task_pkey" : "ALTER TABLE bridge_task DROP PRIMARY KEY",
                "ALTER TABLE bridge_task ADD CONSTRAINT bridge_task_host_id PRIMARY KEY (host, task_id)");
    }

    /**
     * Applies the changes and stores their events, all in one transaction.
     *
     * @return the changes that applied; the others were already applied before
     */
    public List<TaskChange> apply(List<TaskChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<TaskChange> applied = sql.write("record " + changes.size() + " task change(s)", c -> {
            List<TaskChange> these = new ArrayList<>();
            for (TaskChange change : changes) {
                if (change.previousStatus() == null ? insert(c, change.task()) : update(c, change)) {
                    outbox.add(c, change.event());
                    these.add(change);
                }
            }
            return these;
        });
        outbox.written();
        return applied;
    }

    /** Tasks still pending or running as far as the store knows, of every host. */
    public List<TrackedTask> active() {
        return sql.query("read the tracked tasks", "SELECT " + COLUMNS + " FROM bridge_task WHERE terminal = FALSE"
                + " ORDER BY host, task_id", TaskStore::read);
    }

    /** One host's tasks still pending or running as far as the store knows: the ones to poll. */
    public List<TrackedTask> active(String host) {
        return sql.query("read the tracked tasks of " + host, "SELECT " + COLUMNS + " FROM bridge_task WHERE terminal = FALSE"
                + " AND host = ? ORDER BY task_id", TaskStore::read, host);
    }

    /** @return the descriptor key each of these tasks of one host was created for, for those the bridge tracks */
    public Map<Long, String> keysOf(String host, List<Long> taskIds) {
        Map<Long, String> keys = new HashMap<>();
        // in slices, so a long candidate list stays within every driver's limit on parameters
        for (int from = 0; from < taskIds.size(); from += 500) {
            List<Long> slice = taskIds.subList(from, Math.min(taskIds.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(slice.size(), "?"));
            sql.query("read the keys of " + slice.size() + " task(s)",
                    "SELECT task_id, descriptor_key FROM bridge_task WHERE host = ? AND task_id IN (" + marks + ")",
                    rs -> keys.put(rs.getLong(1), rs.getString(2)), withFirst(host, slice));
        }
        return keys;
    }

    private static Object[] withFirst(Object first, List<?> rest) {
        Object[] all = new Object[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    /** A tracked task as listed for the operator: with when the store last changed it (created, or moved on). */
    public record Listed(TrackedTask task, Instant updatedAt) {
    }

    /** The tracked tasks in one status (all when null), newest first, at most {@code limit}. */
    public List<Listed> list(Integer status, int limit) {
        String columns = COLUMNS + ", updated_at";
        return status == null
                ? sql.query("list the tracked tasks", "SELECT " + columns + " FROM bridge_task ORDER BY task_id DESC LIMIT ?",
                        TaskStore::listed, limit)
                : sql.query("list the tracked tasks", "SELECT " + columns + " FROM bridge_task WHERE status = ?"
                        + " ORDER BY task_id DESC LIMIT ?", TaskStore::listed, status, limit);
    }

    /** How many tracked tasks are in each status (0 pending … 3 failed), as last seen; a status none is in is absent. */
    public Map<Integer, Long> countByStatus() {
        return byStatus.read();
    }

    /**
     * The highest task id the bridge ever tracked on one host, 0 when none. Read at each start: from the end of the
     * table's key, where H2's MAX read every task of the host (4.5 s for a million, docs/BENCHMARKS.md, session 12).
     */
    public long highestTaskId(String host) {
        return sql.query("read the highest task id of " + host, HIGHEST_TASK_ID, rs -> rs.getLong(1), host).stream().findFirst().orElse(0L);
    }

    /** A task id is inserted once; a second creation (a replayed step) finds it and is skipped. */
    private boolean insert(Connection c, TrackedTask t) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM bridge_task WHERE host = ? AND task_id = ?")) {
            Sql.bind(exists, t.host(), t.taskId());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bridge_task (" + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            Sql.bind(insert, t.host(), t.taskId(), t.descriptorKey(), t.scriptName(), t.serial(), t.username(), t.source(),
                    t.status(), t.terminal(), now, now);
            insert.executeUpdate();
            byStatus.moved(null, t.status());
            return true;
        }
    }

    private boolean update(Connection c, TaskChange change) throws SQLException {
        TrackedTask t = change.task();
        try (PreparedStatement u = c.prepareStatement("UPDATE bridge_task SET status = ?, terminal = ?,"
                + " serial = ?, username = ?, updated_at = ? WHERE host = ? AND task_id = ? AND status = ? AND terminal = FALSE")) {
            Sql.bind(u, t.status(), t.terminal(), t.serial(), t.username(), Timestamp.from(clock.instant()), t.host(), t.taskId(),
                    change.previousStatus());
            if (u.executeUpdate() == 0) {
                return false;
            }
            byStatus.moved(change.previousStatus(), t.status());
            return true;
        }
    }

    private static TrackedTask read(ResultSet rs) throws SQLException {
        return new TrackedTask(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBoolean(9));
    }

    /** A row of {@link #COLUMNS} and {@code updated_at}, written as {@code Timestamp.from} an instant of the clock. */
    private static Listed listed(ResultSet rs) throws SQLException {
        return new Listed(read(rs), rs.getTimestamp(10).toInstant());
    }
}
