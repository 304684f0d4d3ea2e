package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/** The JDBC pool behind the store: an embedded H2 file by default, PostgreSQL for clusters. */
public final class StoreDataSource {

    private StoreDataSource() {
    }

    public static HikariDataSource open(String jdbcUrl, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withH2Settings(jdbcUrl));
        config.setUsername(username == null || username.isEmpty() ? null : username);
        config.setPassword(password == null || password.isEmpty() ? null : password);
        config.setMaximumPoolSize(8);
        config.setPoolName("bridge-store");
        // a store that cannot be reached must stop the start, not hang it
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    /**
     * H2 writes a commit to its file up to half a second later by default; the journal's commits must be on
     * disk when the bridge acts on them (a kill -9 right after a POST must not forget its claim), so an H2
     * URL that says nothing about it gets {@code WRITE_DELAY=0}. Each commit then writes every page it changed, whole:
     * pages of 4 KB instead of H2's 16 KB wrote 30 % fewer bytes in the speed benchmark (docs/BENCHMARKS.md).
     * H2 keeps the 8 statements a connection prepared last, parsed; a descriptor alone runs more than 8 different
     * ones, so each was parsed again every time (an eighth of the bridge's CPU): it keeps 64.
     */
    static String withH2Settings(String jdbcUrl) {
        String upper = jdbcUrl.toUpperCase();
        if (!upper.startsWith("JDBC:H2:")) {
            return jdbcUrl;
        }
        return jdbcUrl + (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0") + (upper.contains("PAGE_SIZE") ? "" : ";PAGE_SIZE=4096")
                + (upper.contains("QUERY_CACHE_SIZE") ? "" : ";QUERY_CACHE_SIZE=64");
    }

    public static boolean isPostgres(DataSource ds) {
        return ds instanceof HikariDataSource h && h.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * Whether other bridges may use the same database. An embedded H2 file is opened by one process
     * at a time (unless AUTO_SERVER is asked for), so whatever it holds in flight is this bridge's own.
     */
    public static boolean isShared(DataSource ds) {
        if (ds instanceof HikariDataSource h) {
            String url = h.getJdbcUrl().toUpperCase();
            return !url.startsWith("JDBC:H2:") || url.contains("AUTO_SERVER=TRUE") || url.startsWith("JDBC:H2:TCP:");
        }
        return true;
    }
}
