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
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username == null || username.isEmpty() ? null : username);
        config.setPassword(password == null || password.isEmpty() ? null : password);
        config.setMaximumPoolSize(8);
        config.setPoolName("bridge-store");
        // a store that cannot be reached must stop the start, not hang it
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    public static boolean isPostgres(DataSource ds) {
        return ds instanceof HikariDataSource h && h.getJdbcUrl().startsWith("jdbc:postgresql:");
    }
}
