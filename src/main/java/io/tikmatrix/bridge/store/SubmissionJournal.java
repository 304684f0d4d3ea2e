package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Which descriptor keys were submitted, and the task ids they produced. A key is claimed before the
 * API call, so neither a restart nor a second bridge on the same database submits it twice; a key
 * whose descriptor was dead-lettered may be claimed again (that is how a replay works). A dead-lettered
 * descriptor that held secrets is kept here as received, because its dead-letter record shows them
 * masked and a replay needs them back.
 * <p>
 * Each attempt is written down before its request leaves, with what it takes to settle it later: whether
 * a POST may have reached TikMatrix and the highest task id known before it. A claim lives on a lease its
 * bridge renews while it works on the key; once the lease ran out (the bridge died, or stopped while the
 * key waited for a retry) another claim takes the key over with that record, and settles it with TikMatrix
 * before posting anything (README, "Exactly once").
 */
public class SubmissionJournal {

    public enum State { IN_FLIGHT, SUBMITTED, DEAD_LETTERED }

    /** The outcome of a claim: this bridge now owns the key, or the key already had an outcome. */
    public sealed interface Claim permits Owned, Earlier {
    }

    /**
     * This bridge owns the key. A key taken over from a bridge that stopped or died carries its attempts:
     * how many were made, when the last one was, and whether one may have reached TikMatrix.
     */
    public record Owned(int attempts, Instant firstAttemptAt, Instant lastAttemptAt, boolean mayHaveReachedTikMatrix,
                        Long highestTaskIdBefore) implements Claim {
        static final Owned FRESH = new Owned(0, null, null, false, null);
    }

    /**
     * What the journal already knew about a key that could not be claimed.
     *
     * @param deadLetterKey where it was dead-lettered, when it was
     */
    public record Earlier(State state, List<Long> taskIds, String deadLetterKey) implements Claim {
    }

    private static final String TABLE = "bridge_submission";
    /** The claim of a new key, which also stands for its first attempt. */
    private static final String CLAIM_NEW = "INSERT INTO " + TABLE + " (descriptor_key, state, claim_owner, lease_until, attempts,"
            + " first_attempt_at, last_attempt_at, may_have_reached, highest_task_id_before, updated_at)"
            + " VALUES (?, ?, ?, ?, 1, ?, ?, TRUE, ?, ?)";

    /** Lets every claim in flight be taken over at once: found along the index by state. */
    static final String EXPIRE_LEFTOVERS = "UPDATE " + TABLE + " SET lease_until = ? WHERE state = ?";

    private static final Timestamp EXPIRED = Timestamp.from(Instant.EPOCH);
    /** Keys per renewal statement: far below every driver's limit on parameters. */
    private static final int RENEWALS_PER_STATEMENT = 500;

    private final Sql sql;
    private final Duration lease;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    /**
     * The keys this bridge claimed and has not settled: what {@link #renewLeases()} renews, found without reading the
     * journal, which keeps every key ever submitted (a million keys took 2 s to scan, every 5 s).
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final RunningCounts<State> byState;

    /** @param lease how long a claim holds without renewal; {@link #renewLeases()} runs every {@link #leaseRenewalMillis()} */
    public SubmissionJournal(DataSource dataSource, Duration lease, Clock clock) {
        this.sql = new Sql(dataSource);
        this.lease = lease;
        this.clock = clock;
        sql.schema("the submission journal", "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + " descriptor_key VARCHAR(2048) PRIMARY KEY,"
                        + " state VARCHAR(16) NOT NULL,"
                        + " task_ids VARCHAR(8000),"
                        + " withheld_descriptor VARCHAR(100000),"
                        + " updated_at TIMESTAMP NOT NULL,"
                        + " claim_owner VARCHAR(64),"
                        + " lease_until TIMESTAMP,"
                        + " attempts INT DEFAULT 0 NOT NULL,"
                        + " first_attempt_at TIMESTAMP,"
                        + " last_attempt_at TIMESTAMP,"
                        + " may_have_reached BOOLEAN DEFAULT FALSE NOT NULL,"
                        + " highest_task_id_before BIGINT,"
                        + " dead_letter_key VARCHAR(32),"
                        + " candidate_task_ids VARCHAR(8000))",
                // added with reconciliation: a store written by an earlier version gains them in place. A new
                // store is made whole above, since each column added to a table copies it
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS claim_owner VARCHAR(64)",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS lease_until TIMESTAMP",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS attempts INT DEFAULT 0 NOT NULL",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS first_attempt_at TIMESTAMP",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS last_attempt_at TIMESTAMP",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS may_have_reached BOOLEAN DEFAULT FALSE NOT NULL",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS highest_task_id_before BIGINT",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS dead_letter_key VARCHAR(32)",
                "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS candidate_task_ids VARCHAR(8000)");
        byState = new RunningCounts<>(sql, "count the journal's keys", "SELECT state, COUNT(*) FROM " + TABLE + " GROUP BY state",
                rs -> State.valueOf(rs.getString(1)), StoreDataSource.isShared(dataSource));
        // the keys in flight are found by state, not by a scan of every key ever submitted: on a shared store each bridge
        // looks for the keys a dead one left every third of a lease; a store of its own looks at each start, where a
        // million keys took 5 s to scan (docs/BENCHMARKS.md, session 12). The index costs each descriptor's writes
        // nothing the store benchmark could see
        sql.schema("the submission journal's index by state",
                "CREATE INDEX IF NOT EXISTS bridge_submission_state ON " + TABLE + " (state)");
    }

    /**
     * The claim of a new key also stands for its first attempt (one commit instead of two per descriptor): from
     * here the key counts as possibly sent, so a crash at any later point is settled with TikMatrix.
     *
     * @param replay        the descriptor comes from its dead-letter record: only then is a dead-lettered key
     *                      submitted again (the original file read again after a restart leaves it dead-lettered)
     * @param highestTaskId the highest task id known now, a lower bound of the one known when the POST leaves
     */
    public Claim claim(String key, boolean replay, long highestTaskId) {
        if (sql.insertIfAbsent("claim descriptor key " + key, () -> byState.moved(null, State.IN_FLIGHT), CLAIM_NEW,
                newClaim(key, highestTaskId))) {
            held.add(key);
            return Owned.FRESH;
        }
        return claimKnown(key, replay, highestTaskId);
    }

    /**
     * As {@link #claim}, queued for the store's next commit: the inbox claims each descriptor as it reads it, ahead
     * of its call (submit.ClaimsAhead), so that the claims of the descriptors waiting for a thread share one commit
     * instead of making one each. The claim holds once its descriptor's {@link QueuedClaim#await} returns.
     */
    public QueuedClaim claimLater(String key, long highestTaskId) {
        return new QueuedClaim(key, highestTaskId, sql.insertIfAbsentLater("claim descriptor key " + key, () -> {
            held.add(key);
            byState.moved(null, State.IN_FLIGHT);
        }, CLAIM_NEW, newClaim(key, highestTaskId)));
    }

    /** A new key's claim queued by {@link #claimLater}. */
    public final class QueuedClaim {
        private final String key;
        private final long highestTaskId;
        private final BooleanSupplier inserted;
        private Claim claim;
        private boolean withdrawn;

        private QueuedClaim(String key, long highestTaskId, BooleanSupplier inserted) {
            this.key = key;
            this.highestTaskId = highestTaskId;
            this.inserted = inserted;
        }

        /**
         * The claim, once committed: this bridge's when the key was new, else what {@link #claim} finds of the key
         * (a duplicate, a key in flight elsewhere, a claim to take over). One withdrawn meanwhile is made again.
         */
        public synchronized Claim await() {
            if (claim == null) {
                claim = withdrawn ? claim(key, false, highestTaskId)
                        : inserted.getAsBoolean() ? Owned.FRESH : claimKnown(key, false, highestTaskId);
            }
            return claim;
        }

        /**
         * Its descriptor goes no further (the bridge stops, intake is held, the file failed): nothing was posted, so the
         * key it claimed is as if never claimed, and the file's next reading claims it afresh instead of settling it
         * with TikMatrix. One its descriptor has awaited is that descriptor's to settle, and stays.
         */
        public synchronized void withdraw() {
            if (claim != null || withdrawn) {
                return;
            }
            withdrawn = true;
            if (inserted.getAsBoolean()) {
                sql.update("withdraw the claim of descriptor key " + key, () -> byState.moved(State.IN_FLIGHT, null), "DELETE FROM " + TABLE
                        + " WHERE descriptor_key = ? AND claim_owner = ? AND state = ?", key, owner, State.IN_FLIGHT.name());
                held.remove(key);
            }
        }
    }

    private Object[] newClaim(String key, long highestTaskId) {
        Timestamp now = Timestamp.from(clock.instant());
        return new Object[] {key, State.IN_FLIGHT.name(), owner, Timestamp.from(now.toInstant().plus(lease)), now, now, highestTaskId, now};
    }

    /** The claim of a key the journal already holds. */
    private Claim claimKnown(String key, boolean replay, long highestTaskId) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(now.toInstant().plus(lease));
        String what = "claim descriptor key " + key;
        // a replay starts afresh: its dead letter settled the earlier attempts
        if (replay && sql.update(what, () -> byState.moved(State.DEAD_LETTERED, State.IN_FLIGHT), "UPDATE " + TABLE + " SET state = ?, task_ids = NULL, claim_owner = ?, lease_until = ?, attempts = 1,"
                        + " first_attempt_at = ?, last_attempt_at = ?, may_have_reached = TRUE, highest_task_id_before = ?,"
                        + " dead_letter_key = NULL, candidate_task_ids = NULL,"
                        + " updated_at = ? WHERE descriptor_key = ? AND state = ?",
                State.IN_FLIGHT.name(), owner, until, now, now, highestTaskId, now, key, State.DEAD_LETTERED.name()) == 1) {
            held.add(key);
            return Owned.FRESH;
        }
        // a claim whose lease ran out is taken over with its attempts, to be settled before anything is posted
        if (sql.update(what, "UPDATE " + TABLE + " SET claim_owner = ?, lease_until = ?, updated_at = ?"
                        + " WHERE descriptor_key = ? AND state = ? AND (lease_until IS NULL OR lease_until < ?)",
                owner, until, now, key, State.IN_FLIGHT.name(), now) == 1) {
            held.add(key);
            return sql.query(what, "SELECT attempts, first_attempt_at, last_attempt_at, may_have_reached, highest_task_id_before"
                            + " FROM " + TABLE + " WHERE descriptor_key = ?",
                    rs -> (Claim) new Owned(rs.getInt(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getBoolean(4),
                            (Long) rs.getObject(5, Long.class)), key).get(0);
        }
        return find(key).orElseThrow(() -> new IllegalStateException("descriptor key " + key + " vanished while being claimed"));
    }

    /**
     * Written before a later attempt's POST leaves (the claim stands for the first): from now on the call may have
     * reached TikMatrix, whatever happens to this process, until its answer is recorded.
     *
     * @param attempt the attempt's number, counting those made before a restart
     */
    public void attempting(String key, int attempt, Instant at, long highestTaskIdBefore) {
        Timestamp now = Timestamp.from(at);
        sql.update("record an attempt of descriptor key " + key, "UPDATE " + TABLE + " SET attempts = ?,"
                        + " first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?, may_have_reached = TRUE,"
                        + " highest_task_id_before = ?, updated_at = ? WHERE descriptor_key = ?",
                attempt, now, now, highestTaskIdBefore, now, key);
    }

    /** TikMatrix was asked and holds nothing of this key's earlier attempts: the next POST is the only one. */
    public void settledAsNotCreated(String key) {
        sql.update("settle descriptor key " + key, "UPDATE " + TABLE + " SET may_have_reached = FALSE, updated_at = ? WHERE descriptor_key = ?",
                Timestamp.from(clock.instant()), key);
    }

    /**
     * Lets every claim left in flight by an earlier run of this bridge be taken over at once, with its attempts,
     * when its file is read again. Only for a store no other bridge can be using (an embedded H2 file).
     *
     * @return how many claims were left in flight
     */
    public int expireLeftoverClaims() {
        return sql.update("expire claims left in flight", EXPIRE_LEFTOVERS, EXPIRED, State.IN_FLIGHT.name());
    }

    /**
     * How often {@link #renewLeases()} must run (the claim-leases route's timer): three times per lease, so a
     * renewal that comes late still lands before the lease ends.
     */
    public long leaseRenewalMillis() {
        return Math.max(1, lease.toMillis() / 3);
    }

    /**
     * Keys claimed and left without an outcome by a bridge that died or stopped: in flight, their lease run out.
     *
     * @param keyPrefix only the keys that start with it (a kind of key: a schedule's fire times)
     */
    public List<String> leftInFlight(String keyPrefix) {
        Timestamp now = Timestamp.from(clock.instant());
        return sql.query("read the keys left in flight", "SELECT descriptor_key FROM " + TABLE
                        + " WHERE state = ? AND (lease_until IS NULL OR lease_until < ?) AND descriptor_key LIKE ?"
                        + " ORDER BY descriptor_key",
                rs -> rs.getString(1), State.IN_FLIGHT.name(), now, keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** Lets another claim (of this bridge or another) take the key over at once, with its attempts. */
    public void release(String key) {
        sql.update("release descriptor key " + key, "UPDATE " + TABLE + " SET lease_until = ? WHERE descriptor_key = ? AND claim_owner = ?"
                + " AND state = ?", EXPIRED, key, owner, State.IN_FLIGHT.name());
        held.remove(key);
    }

    /**
     * Keeps this bridge's claims from being taken over while it still works on them (a back-off, a licence hold). An
     * idle bridge holds none and asks the store nothing.
     *
     * @return how many claims were renewed
     */
    public int renewLeases() {
        List<String> keys = List.copyOf(held);
        Timestamp until = Timestamp.from(clock.instant().plus(lease));
        int renewed = 0;
        for (int from = 0; from < keys.size(); from += RENEWALS_PER_STATEMENT) {
            List<String> some = keys.subList(from, Math.min(keys.size(), from + RENEWALS_PER_STATEMENT));
            List<Object> parameters = new ArrayList<>(List.of(until, owner, State.IN_FLIGHT.name()));
            parameters.addAll(some);
            // a key another bridge took over meanwhile (this one paused longer than a lease) is no longer this one's
            renewed += sql.update("renew claim leases", "UPDATE " + TABLE + " SET lease_until = ? WHERE claim_owner = ? AND state = ?"
                    + " AND descriptor_key IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ")", parameters.toArray());
        }
        return renewed;
    }

    /** Other keys whose call may have reached TikMatrix without an answer recorded: their tasks would look alike. */
    public int othersUnsettled(String key) {
        return sql.query("count unsettled descriptor keys", "SELECT COUNT(*) FROM " + TABLE
                        + " WHERE state = ? AND may_have_reached = TRUE AND descriptor_key <> ?",
                rs -> rs.getInt(1), State.IN_FLIGHT.name(), key).get(0);
    }

    /**
     * Runs the work's writes to the store (this journal, the tracked tasks, the outbox) as one transaction: all of
     * them are committed, or none is.
     */
    public void inOneTransaction(String what, Runnable work) {
        sql.inTransaction(what, c -> work.run());
    }

    /**
     * As {@link #inOneTransaction}, but queued for the next commit of any writer instead of waiting for one of its
     * own: the caller goes on, and awaits the commit before it says the outcome is kept.
     */
    public PendingCommit inOneTransactionLater(String what, Runnable work) {
        return sql.inTransactionLater(what, c -> work.run());
    }

    /** Commits what {@link #inOneTransactionLater} queued and nobody has awaited yet: for a bridge that stops. */
    public void flush() {
        sql.flush();
    }

    public void submitted(String key, List<Long> taskIds) {
        settle(key, "record the tasks of descriptor key " + key, State.SUBMITTED,
                "task_ids = ?, withheld_descriptor = NULL, may_have_reached = FALSE, updated_at = ?",
                join(taskIds), Timestamp.from(clock.instant()));
    }

    /**
     * @param withheldDescriptor the descriptor as received when it holds secrets its record masks, else null
     * @param deadLetterKey      where its record went ({@code 40001}, {@code ambiguous}, …)
     * @param candidateTaskIds   for {@code ambiguous}, the tasks it could not tell apart: they stay unowned, and
     *                           no other key may take them for its own by count alone
     */
    public void deadLettered(String key, String withheldDescriptor, String deadLetterKey, List<Long> candidateTaskIds) {
        settle(key, "record the dead letter of descriptor key " + key, State.DEAD_LETTERED,
                "task_ids = NULL, withheld_descriptor = ?, may_have_reached = FALSE, dead_letter_key = ?, candidate_task_ids = ?, updated_at = ?",
                withheldDescriptor, deadLetterKey, candidateTaskIds.isEmpty() ? null : join(candidateTaskIds), Timestamp.from(clock.instant()));
    }

    /**
     * Gives the key its outcome. It is in flight until then, and its move is counted; one that is not (a key settled a
     * second time) gets the outcome all the same, and the keys are counted again at the next read.
     */
    private void settle(String key, String what, State outcome, String assignments, Object... values) {
        String update = "UPDATE " + TABLE + " SET state = ?, " + assignments + " WHERE descriptor_key = ?";
        if (sql.update(what, () -> byState.moved(State.IN_FLIGHT, outcome), update + " AND state = ?",
                parameters(outcome, values, key, State.IN_FLIGHT.name())) == 0) {
            sql.update(what, byState::recount, update, parameters(outcome, values, key));
        }
        settled(key);
    }

    private static Object[] parameters(State outcome, Object[] values, Object... where) {
        List<Object> all = new ArrayList<>();
        all.add(outcome.name());
        all.addAll(Arrays.asList(values));
        all.addAll(Arrays.asList(where));
        return all.toArray();
    }

    /** The key is no longer this bridge's to renew once its outcome is committed (with the transaction it is part of). */
    private void settled(String key) {
        GroupCommit.afterCommit(() -> held.remove(key));
    }

    /** How many descriptor keys are in each state, by state; a state none is in is absent. */
    public Map<State, Long> countByState() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        counts.putAll(byState.read());
        return counts;
    }

    /** The tasks other keys were dead-lettered as ambiguous over: what TikMatrix shows of them is not theirs to give. */
    public Set<Long> ambiguousCandidates(String key) {
        Set<Long> ids = new HashSet<>();
        sql.query("read the candidates of ambiguous dead letters", "SELECT candidate_task_ids FROM " + TABLE
                        + " WHERE state = ? AND candidate_task_ids IS NOT NULL AND descriptor_key <> ?",
                rs -> ids.addAll(split(rs.getString(1))), State.DEAD_LETTERED.name(), key);
        return ids;
    }

    public Optional<String> withheldDescriptor(String key) {
        return sql.query("read descriptor key " + key, "SELECT withheld_descriptor FROM " + TABLE + " WHERE descriptor_key = ?",
                rs -> Optional.ofNullable(rs.getString(1)), key).stream().findFirst().flatMap(o -> o);
    }

    public Optional<Earlier> find(String key) {
        return sql.query("read descriptor key " + key, "SELECT state, task_ids, dead_letter_key FROM " + TABLE + " WHERE descriptor_key = ?",
                rs -> new Earlier(State.valueOf(rs.getString(1)), split(rs.getString(2)), rs.getString(3)), key).stream().findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
