package io.tikmatrix.bridge.support;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.store.StoreDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store's database for one test of a class parameterized by {@code "h2"} and {@code "postgres"}: opened on
 * first use (a PostgreSQL case is skipped, or on CI fails, without PostgreSQL, see {@link TestDatabases}) and
 * closed after the test. Every bridge the test makes on it shares it, as bridges share a store.
 */
public final class StoreDatabase implements AfterEachCallback {

    private HikariDataSource dataSource;
    private Path dir;

    public HikariDataSource open(String database) {
        if (dataSource == null) {
            dir = newDir();
            dataSource = StoreDataSource.open(database.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.freshPostgresSchema(), "", "");
        }
        return dataSource;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
            TempDirs.delete(dir);
        }
    }

    private static Path newDir() {
        try {
            return Files.createTempDirectory("tikmatrix-bridge-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
