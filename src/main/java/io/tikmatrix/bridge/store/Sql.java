package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One statement, with its parameters bound in order and any failure reported as a {@link StoreException} that
 * says what the store was doing; or several statements in one transaction. A read runs on a connection of its own;
 * a write is committed with the other writes waiting at that moment (see {@link GroupCommit}).
 */
final class Sql {

    @FunctionalInterface
    interface Work {
        void run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit groupCommit;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
        this.groupCommit = GroupCommit.of(dataSource);
    }

    /** DDL written to run as it is on H2 and PostgreSQL ({@code IF NOT EXISTS}). */
    void schema(String what, String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create " + what, e);
        }
    }

    /** Runs the work in one transaction (shared with other threads' writes, see {@link GroupCommit}): all of it or nothing. */
    void inTransaction(String what, Work work) {
        write(what, c -> {
            work.run(c);
            return null;
        });
    }

    /**
     * Queues the work as one transaction of the next shared commit, and returns at once (see {@link GroupCommit#later}).
     *
     * @return what waits for that commit, and throws if the work failed
     */
    PendingCommit inTransactionLater(String what, Work work) {
        GroupCommit.Queued<Void> queued = groupCommit.later(dataSource, c -> {
            work.run(c);
            return null;
        });
        return new PendingCommit() {
            @Override
            public void await() {
                try {
                    queued.committed();
                } catch (SQLException e) {
                    throw new StoreException("cannot " + what, e);
                }
            }

            @Override
            public boolean isCommitted() {
                return queued.isCommitted();
            }
        };
    }

    /** Commits the writes queued by {@link #inTransactionLater}. */
    void flush() {
        groupCommit.flush(dataSource);
    }

    /** @return the number of rows changed */
    int update(String what, String sql, Object... parameters) {
        return update(what, () -> { }, sql, parameters);
    }

    /**
     * @param afterChange runs once the change is committed, when it changed a row
     * @return the number of rows changed
     */
    int update(String what, Runnable afterChange, String sql, Object... parameters) {
        return write(what, c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, parameters);
                int changed = statement.executeUpdate();
                if (changed > 0) {
                    GroupCommit.afterCommit(afterChange);
                }
                return changed;
            }
        });
    }

    /** @return false when a row with the same key is already there, the one failure that is an answer */
    boolean insertIfAbsent(String what, String sql, Object... parameters) {
        return insertIfAbsent(what, () -> { }, sql, parameters);
    }

    /** @param afterInsert runs once the row is committed, when the row was new */
    boolean insertIfAbsent(String what, Runnable afterInsert, String sql, Object... parameters) {
        return unlessThere(what, () -> groupCommit.run(dataSource, insert(sql, parameters, afterInsert)));
    }

    /**
     * As {@link #insertIfAbsent}, queued for the next shared commit (see {@link GroupCommit#later}).
     *
     * @param afterInsert runs once the row is committed, when the row was new
     * @return the answer, once committed (committing it now if nobody has)
     */
    BooleanSupplier insertIfAbsentLater(String what, Runnable afterInsert, String sql, Object... parameters) {
        GroupCommit.Queued<Boolean> queued = groupCommit.later(dataSource, insert(sql, parameters, afterInsert));
        return () -> unlessThere(what, queued::committed);
    }

    private static GroupCommit.Write<Boolean> insert(String sql, Object[] parameters, Runnable afterInsert) {
        return c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, parameters);
                boolean inserted = statement.executeUpdate() == 1;
                if (inserted) {
                    GroupCommit.afterCommit(afterInsert);
                }
                return inserted;
            }
        };
    }

    @FunctionalInterface
    private interface Insert {
        boolean inserted() throws SQLException;
    }

    private static boolean unlessThere(String what, Insert insert) {
        try {
            return insert.inserted();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw new StoreException("cannot " + what, e);
        }
    }

    /** A write of its own, committed before this returns. */
    <T> T write(String what, GroupCommit.Write<T> write) {
        try {
            return groupCommit.run(dataSource, write);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    <T> List<T> query(String what, String sql, Row<T> row, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    /** SQLSTATE class 23 is an integrity constraint violation on H2 and PostgreSQL alike. */
    private static boolean isUniqueViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
