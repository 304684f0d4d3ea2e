package io.tikmatrix.bridge.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The two databases the store must run on: an embedded H2 file (the default) and PostgreSQL (clusters).
 * PostgreSQL 15 is expected on 127.0.0.1:5432 with trust auth and a database {@code test}, as on the
 * development and CI machines; each call gets a schema of its own so tests never see each other's rows.
 */
public final class TestDatabases {

    public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestDatabases() {
    }

    public static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("store/bridge").toAbsolutePath();
    }

    public static String freshPostgresSchema() {
        String schema = "bridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("These tests need PostgreSQL on 127.0.0.1:5432 (database 'test', user 'postgres', "
                    + "trust auth), because the store must also run on PostgreSQL for clusters. Start it with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'. Cause: " + e.getMessage(), e);
        }
        return POSTGRES_SERVER + "&currentSchema=" + schema;
    }
}
