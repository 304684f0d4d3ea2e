package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
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

    private static final String TABLE = "bridge_submission";

    private final Sql sql;
    private final Duration claimLease;

    /**
     * @param claimLease how long a claim may stay in flight before another attempt may take the key over:
     *                   longer than a descriptor's whole retry budget, so only a claim whose bridge died expires
     */
    public SubmissionJournal(DataSource dataSource, Duration claimLease) {
        this.sql = new Sql(dataSource);
        this.claimLease = claimLease;
        sql.schema("the submission journal", "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + " descriptor_key VARCHAR(2048) PRIMARY KEY,"
                + " state VARCHAR(16) NOT NULL,"
                + " task_ids VARCHAR(8000),"
                + " withheld_descriptor VARCHAR(100000),"
                + " updated_at TIMESTAMP NOT NULL)");
    }

    /** @return empty when this caller now owns the key; otherwise what an earlier submission left */
    public Optional<Earlier> claim(String key) {
        Timestamp now = Timestamp.from(Instant.now());
        String what = "claim descriptor key " + key;
        if (sql.insertIfAbsent(what, "INSERT INTO " + TABLE + " (descriptor_key, state, updated_at) VALUES (?, ?, ?)",
                key, State.IN_FLIGHT.name(), now)) {
            return Optional.empty();
        }
        int reclaimed = sql.update(what, "UPDATE " + TABLE + " SET state = ?, task_ids = NULL, updated_at = ?"
                        + " WHERE descriptor_key = ? AND (state = ? OR (state = ? AND updated_at < ?))",
                State.IN_FLIGHT.name(), now, key, State.DEAD_LETTERED.name(), State.IN_FLIGHT.name(),
                Timestamp.from(now.toInstant().minus(claimLease)));
        return reclaimed == 1 ? Optional.empty() : find(key);
    }

    /**
     * Frees the keys a stopped bridge left in flight, so their files, still in the inbox, are submitted
     * when read again. Only for a store no other bridge can be using (an embedded H2 file).
     *
     * @return how many keys were freed
     */
    public int releaseInFlightClaims() {
        return sql.update("release claims in flight", "DELETE FROM " + TABLE + " WHERE state = ?", State.IN_FLIGHT.name());
    }

    public void submitted(String key, List<Long> taskIds) {
        sql.update("record the tasks of descriptor key " + key,
                "UPDATE " + TABLE + " SET state = ?, task_ids = ?, withheld_descriptor = NULL, updated_at = ? WHERE descriptor_key = ?",
                State.SUBMITTED.name(), join(taskIds), Timestamp.from(Instant.now()), key);
    }

    /** @param withheldDescriptor the descriptor as received when it holds secrets its record masks, else null */
    public void deadLettered(String key, String withheldDescriptor) {
        sql.update("record the dead letter of descriptor key " + key,
                "UPDATE " + TABLE + " SET state = ?, task_ids = NULL, withheld_descriptor = ?, updated_at = ? WHERE descriptor_key = ?",
                State.DEAD_LETTERED.name(), withheldDescriptor, Timestamp.from(Instant.now()), key);
    }

    public Optional<String> withheldDescriptor(String key) {
        return sql.query("read descriptor key " + key, "SELECT withheld_descriptor FROM " + TABLE + " WHERE descriptor_key = ?",
                rs -> Optional.ofNullable(rs.getString(1)), key).stream().findFirst().flatMap(o -> o);
    }

    public Optional<Earlier> find(String key) {
        return sql.query("read descriptor key " + key, "SELECT state, task_ids FROM " + TABLE + " WHERE descriptor_key = ?",
                rs -> new Earlier(State.valueOf(rs.getString(1)), split(rs.getString(2))), key).stream().findFirst();
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
