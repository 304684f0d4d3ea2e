package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.StoreException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Quartz keeps its triggers in the bridge's own store, so a restart knows which fire times it missed
 * (misfire fire-once / skip) and, on PostgreSQL, several bridges on one database share the schedules
 * (clustered: each fire time runs on one of them).
 */
final class QuartzJobStore {

    /** Quartz looks its connections up by this name in a JVM-wide registry. */
    private static final String DATA_SOURCE_NAME = "bridgeStore";

    /** Cluster members must share it: it is the SCHED_NAME column of every Quartz table. */
    private static final String SCHEDULER_NAME = "tikmatrix-bridge";

    private QuartzJobStore() {
    }

    /**
     * Creates the Quartz tables when absent, lends the store's pool to Quartz, and returns the scheduler
     * properties for camel-quartz's component.
     *
     * @param failover how soon the cluster goes on with the triggers a dead bridge had taken: Quartz calls a member dead
     *                 once it missed its check-in by a fixed 7.5 s, and members check in (and look for the dead) every
     *                 quarter of this, so a dead bridge's firing goes on within half of it plus those 7.5 s
     */
    static Map<String, String> prepare(DataSource dataSource, Duration misfireThreshold, Duration failover) {
        boolean postgres = StoreDataSource.isPostgres(dataSource);
        createTablesIfAbsent(dataSource, postgres ? "tables_postgres.sql" : "tables_h2.sql");
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE_NAME, new Lent(dataSource));
        return Map.ofEntries(
                Map.entry("org.quartz.scheduler.instanceName", SCHEDULER_NAME),
                Map.entry("org.quartz.scheduler.instanceId", "AUTO"),
                Map.entry("org.quartz.scheduler.skipUpdateCheck", "true"),
                Map.entry("org.quartz.threadPool.class", QuartzWorkers.class.getName()),
                Map.entry("org.quartz.threadPool.threadCount", "4"),
                Map.entry("org.quartz.jobStore.class", JobStoreTX.class.getName()),
                Map.entry("org.quartz.jobStore.dataSource", DATA_SOURCE_NAME),
                Map.entry("org.quartz.jobStore.driverDelegateClass", (postgres ? PostgreSQLDelegate.class : StdJDBCDelegate.class).getName()),
                // the embedded H2 file belongs to one bridge; only a shared PostgreSQL makes a cluster
                Map.entry("org.quartz.jobStore.isClustered", Boolean.toString(postgres)),
                Map.entry("org.quartz.jobStore.clusterCheckinInterval", Long.toString(Math.max(1, failover.toMillis() / 4))),
                Map.entry("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis())));
    }

    private static void createTablesIfAbsent(DataSource dataSource, String script) {
        try (Connection c = dataSource.getConnection()) {
            if (tablesExist(c)) {
                return;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements(script)) {
                    s.execute(statement);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot create the Quartz tables", e);
        }
    }

    /** Asked of the metadata, not by a failing query: H2 would log that failure to a trace file beside the store. */
    private static boolean tablesExist(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : List.of("QRTZ_LOCKS", "qrtz_locks")) {
            try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The DDL script Quartz ships for the database, without its DROPs and COMMITs (we create only when absent). */
    private static List<String> statements(String script) {
        try (InputStream in = JobStoreTX.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("the quartz jar has no " + script);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.trim().startsWith("--"))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(sql.split(";"))
                    .map(String::trim)
                    .filter(st -> !st.isEmpty())
                    .filter(st -> !st.toUpperCase(Locale.ROOT).startsWith("DROP "))
                    .filter(st -> !st.equalsIgnoreCase("COMMIT"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's pool as Quartz sees it; the bridge, not Quartz, closes it. */
    private record Lent(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
