package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every task the bridge created, with the last status it was seen in. A task's new state and the event
 * announcing it are committed together, so after a restart the bridge resumes from here and neither
 * loses a task nor announces a transition twice.
 */
public class TaskStore {

    private static final String COLUMNS = "task_id, descriptor_key, script_name, serial, username, source, status, terminal";

    private final DataSource dataSource;
    private final EventOutbox outbox;

    public TaskStore(DataSource dataSource, EventOutbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        createSchema();
    }

    private void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bridge_task ("
                    + " task_id BIGINT PRIMARY KEY,"
                    + " descriptor_key VARCHAR(2048),"
                    + " script_name VARCHAR(255),"
                    + " serial VARCHAR(255),"
                    + " username VARCHAR(255),"
                    + " source VARCHAR(4000),"
                    + " status INT NOT NULL,"
                    + " terminal BOOLEAN NOT NULL,"
                    + " created_at TIMESTAMP NOT NULL,"
                    + " updated_at TIMESTAMP NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS bridge_task_active ON bridge_task (terminal)");
        } catch (SQLException e) {
            throw new StoreException("cannot create the task table", e);
        }
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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<TaskChange> applied = new ArrayList<>();
                for (TaskChange change : changes) {
                    boolean done = change.previousStatus() == null ? insert(c, change.task()) : update(c, change);
                    if (done) {
                        outbox.add(c, change.event());
                        applied.add(change);
                    }
                }
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record " + changes.size() + " task change(s)", e);
        }
    }

    /** Tasks still pending or running as far as the store knows: the ones to poll. */
    public List<TrackedTask> active() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM bridge_task WHERE terminal = FALSE ORDER BY task_id")) {
            List<TrackedTask> tasks = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    tasks.add(read(rs));
                }
            }
            return tasks;
        } catch (SQLException e) {
            throw new StoreException("cannot read the tracked tasks", e);
        }
    }

    public Optional<TrackedTask> find(long taskId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM bridge_task WHERE task_id = ?")) {
            q.setLong(1, taskId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read task " + taskId, e);
        }
    }

    /** A task id is inserted once; a second creation (a replayed step) finds it and is skipped. */
    private static boolean insert(Connection c, TrackedTask t) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM bridge_task WHERE task_id = ?")) {
            exists.setLong(1, t.taskId());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bridge_task (" + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setLong(1, t.taskId());
            insert.setString(2, t.descriptorKey());
            insert.setString(3, t.scriptName());
            insert.setString(4, t.serial());
            insert.setString(5, t.username());
            insert.setString(6, t.source());
            insert.setInt(7, t.status());
            insert.setBoolean(8, t.terminal());
            insert.setTimestamp(9, now);
            insert.setTimestamp(10, now);
            return insert.executeUpdate() == 1;
        }
    }

    private static boolean update(Connection c, TaskChange change) throws SQLException {
        TrackedTask t = change.task();
        try (PreparedStatement u = c.prepareStatement("UPDATE bridge_task SET status = ?, terminal = ?,"
                + " serial = ?, username = ?, updated_at = ? WHERE task_id = ? AND status = ? AND terminal = FALSE")) {
            u.setInt(1, t.status());
            u.setBoolean(2, t.terminal());
            u.setString(3, t.serial());
            u.setString(4, t.username());
            u.setTimestamp(5, Timestamp.from(Instant.now()));
            u.setLong(6, t.taskId());
            u.setInt(7, change.previousStatus());
            return u.executeUpdate() == 1;
        }
    }

    private static TrackedTask read(ResultSet rs) throws SQLException {
        return new TrackedTask(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getBoolean(8));
    }
}
