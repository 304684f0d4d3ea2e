package io.tikmatrix.bridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's rows by the value of one column, for the metrics and the console. On a store no other bridge writes, they
 * are counted once and then kept as this bridge's writes move rows from one value to another: the tables counted only
 * grow (every task made, every descriptor key taken), and a count of a million rows cost 2.5 CPU-seconds, at each
 * metrics scrape and each refresh of the console (docs/BENCHMARKS.md, session 12). On a shared store the rows are
 * counted at each read, since other bridges move them too.
 * <p>
 * The first count runs as a write of the store's shared commit ({@link GroupCommit}), so it lands between the moves of
 * two writes: it sees the writes before it in the same commit, whose moves then find nothing kept yet (the moves
 * apply, in the order of the writes, once the commit is done), and none of the writes after it, whose moves apply.
 */
final class RunningCounts<K extends Comparable<K>> {

    private final Sql sql;
    private final String what;
    /** {@code SELECT <column>, COUNT(*) FROM <table> GROUP BY <column>} */
    private final String countSql;
    private final Sql.Row<K> value;
    private final boolean shared;
    /** Null until the first read; guarded by this, so that a read sees every move whole. */
    private Map<K, Long> kept;

    /**
     * @param value  reads the column's value from the first column of a row of {@code countSql}
     * @param shared whether other bridges write the table (a shared store): then it is counted at each read
     */
    RunningCounts(Sql sql, String what, String countSql, Sql.Row<K> value, boolean shared) {
        this.sql = sql;
        this.what = what;
        this.countSql = countSql;
        this.value = value;
        this.shared = shared;
    }

    /** The counts, by value; a value no row holds is absent. */
    Map<K, Long> read() {
        if (shared) {
            Map<K, Long> counted = new TreeMap<>();
            sql.query(what, countSql, rs -> counted.put(value.read(rs), rs.getLong(2)));
            return counted;
        }
        while (true) {
            Map<K, Long> first = isKept() ? null : sql.write(what, c -> {
                Map<K, Long> counted = new TreeMap<>();
                try (PreparedStatement count = c.prepareStatement(countSql); ResultSet rs = count.executeQuery()) {
                    while (rs.next()) {
                        counted.put(value.read(rs), rs.getLong(2));
                    }
                }
                GroupCommit.afterCommit(() -> keep(counted));
                return counted;
            });
            synchronized (this) {
                // a write that made them count again may have dropped them since: the count just made is as true, and
                // without one they are counted again
                Map<K, Long> counts = kept != null ? kept : first;
                if (counts != null) {
                    Map<K, Long> now = new TreeMap<>();
                    counts.forEach((k, n) -> {
                        if (n > 0) {
                            now.put(k, n);
                        }
                    });
                    return now;
                }
            }
        }
    }

    /**
     * Called within the write that moves a row (from null: a new row; to null: a row deleted), or by an action it runs
     * once committed. It applies once that write is committed, and only when the counts are kept by then: else the
     * first count sees the row where it is.
     */
    void moved(K from, K to) {
        if (shared) {
            return;
        }
        GroupCommit.afterCommit(() -> {
            synchronized (this) {
                if (kept != null) {
                    if (from != null) {
                        kept.merge(from, -1L, Long::sum);
                    }
                    if (to != null) {
                        kept.merge(to, 1L, Long::sum);
                    }
                }
            }
        });
    }

    /** As {@link #moved}, for a write that moved rows from values it does not know: the next read counts them again. */
    void recount() {
        GroupCommit.afterCommit(() -> {
            synchronized (this) {
                kept = null;
            }
        });
    }

    private synchronized boolean isKept() {
        return kept != null;
    }

    /** A second first count (two readers at once) changes nothing: the moves between the two are in both. */
    private synchronized void keep(Map<K, Long> counted) {
        if (kept == null) {
            kept = counted;
        }
    }
}
