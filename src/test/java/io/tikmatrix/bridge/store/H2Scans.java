package io.tikmatrix.bridge.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** How many rows H2 reads to run a statement: what a statement costs as its table grows, told without a clock. */
final class H2Scans {

    private H2Scans() {
    }

    /**
     * Runs the statement under {@code EXPLAIN ANALYZE}, in a transaction then rolled back, and returns the first scan
     * count of H2's plan: the rows it read of the statement's own table (a count further on is of a subquery's).
     */
    static int rowsScanned(DataSource dataSource, String statement, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + statement)) {
            c.setAutoCommit(false);
            Sql.bind(explain, parameters);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
                assertThat(scanned.find()).as("H2's plan counts the rows read:\n" + plan.getString(1)).isTrue();
                return Integer.parseInt(scanned.group(1));
            } finally {
                c.rollback();
            }
        }
    }
}
