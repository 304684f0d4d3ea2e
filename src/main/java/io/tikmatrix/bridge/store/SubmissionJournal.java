package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which descriptor keys were submitted, and the task ids they produced. A key is claimed before the
 * API call, so neither a restart nor a second bridge on the same database submits it twice; a key
 * whose descriptor was dead-lettered may be claimed again (that is how a replay works). A dead-lettered
 * descriptor that held secrets is kept here as received, because its dead-letter record shows them
 * masked and a replay needs them back.
 */
public class SubmissionJournal {

    public enum State { IN_FLIGHT, SUBMITTED, DEAD_LETTERED }

    /** What the journal already knew about a key that could not be claimed. */
    public record Earlier(State state, List<Long> taskIds) {
    }

    private final DataSource dataSource;
    private final Duration claimLease;

    /**
     * @param claimLease how long a claim may stay in flight before another attempt may take the key over:
     *                   longer than a descriptor's whole retry budget, so only a claim whose bridge died expires
     */
    public SubmissionJournal(DataSource dataSource, Duration claimLease) {
        this.dataSource = dataSource;
        this.claimLease = claimLease;
        createSchema();
    }

    private void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bridge_submission ("
                    + " descriptor_key VARCHAR(2048) PRIMARY KEY,"
                    + " state VARCHAR(16) NOT NULL,"
                    + " task_ids VARCHAR(8000),"
                    + " withheld_descriptor VARCHAR(100000),"
                    + " updated_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            throw new StoreException("cannot create the submission journal", e);
        }
    }

    /** @return empty when this caller now owns the key; otherwise what an earlier submission left */
    public Optional<Earlier> claim(String key) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bridge_submission (descriptor_key, state, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, State.IN_FLIGHT.name());
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                return Optional.empty();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
            }
            try (PreparedStatement reclaim = c.prepareStatement("UPDATE bridge_submission SET state = ?, task_ids = NULL, updated_at = ?"
                    + " WHERE descriptor_key = ? AND (state = ? OR (state = ? AND updated_at < ?))")) {
                Instant now = Instant.now();
                reclaim.setString(1, State.IN_FLIGHT.name());
                reclaim.setTimestamp(2, Timestamp.from(now));
                reclaim.setString(3, key);
                reclaim.setString(4, State.DEAD_LETTERED.name());
                reclaim.setString(5, State.IN_FLIGHT.name());
                reclaim.setTimestamp(6, Timestamp.from(now.minus(claimLease)));
                if (reclaim.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(find(c, key));
        } catch (SQLException e) {
            throw new StoreException("cannot claim descriptor key " + key, e);
        }
    }

    /**
     * Frees the keys a stopped bridge left in flight, so their files, still in the inbox, are submitted
     * when read again. Only for a store no other bridge can be using (an embedded H2 file).
     *
     * @return how many keys were freed
     */
    public int releaseInFlightClaims() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM bridge_submission WHERE state = ?")) {
            d.setString(1, State.IN_FLIGHT.name());
            return d.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot release claims in flight", e);
        }
    }

    public void submitted(String key, List<Long> taskIds) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement(
                     "UPDATE bridge_submission SET state = ?, task_ids = ?, withheld_descriptor = NULL, updated_at = ? WHERE descriptor_key = ?")) {
            u.setString(1, State.SUBMITTED.name());
            u.setString(2, join(taskIds));
            u.setTimestamp(3, Timestamp.from(Instant.now()));
            u.setString(4, key);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the tasks of descriptor key " + key, e);
        }
    }

    /** @param withheldDescriptor the descriptor as received when it holds secrets its record masks, else null */
    public void deadLettered(String key, String withheldDescriptor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement(
                     "UPDATE bridge_submission SET state = ?, task_ids = NULL, withheld_descriptor = ?, updated_at = ? WHERE descriptor_key = ?")) {
            u.setString(1, State.DEAD_LETTERED.name());
            u.setString(2, withheldDescriptor);
            u.setTimestamp(3, Timestamp.from(Instant.now()));
            u.setString(4, key);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the dead letter of descriptor key " + key, e);
        }
    }

    public Optional<String> withheldDescriptor(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT withheld_descriptor FROM bridge_submission WHERE descriptor_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read descriptor key " + key, e);
        }
    }

    public Optional<Earlier> find(String key) {
        try (Connection c = dataSource.getConnection()) {
            Earlier earlier = find(c, key);
            return Optional.ofNullable(earlier);
        } catch (SQLException e) {
            throw new StoreException("cannot read descriptor key " + key, e);
        }
    }

    private Earlier find(Connection c, String key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT state, task_ids FROM bridge_submission WHERE descriptor_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new Earlier(State.valueOf(rs.getString(1)), split(rs.getString(2))) : null;
            }
        }
    }


    /** SQLSTATE class 23 is an integrity constraint violation on H2 and PostgreSQL alike. */
    private static boolean isUniqueViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }

    private static List<Long> split(String ids) {
        List<Long> out = new ArrayList<>();
        if (ids != null && !ids.isEmpty()) {
            Arrays.stream(ids.split(",")).map(Long::valueOf).forEach(out::add);
        }
        return out;
    }
}
