package io.tikmatrix.bridge.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.store.StoreDataSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The least CPU that two things every descriptor needs cost on this machine, with none of the bridge's code
 * (bench/run.sh floor; docs/BENCHMARKS.md). It tells which part of the bridge's CPU per descriptor its design can
 * still win back, and which part this machine charges whatever the design:
 * <ol>
 * <li>the store: on an H2 file with the bridge's settings, the least an exactly-once submission writes. Before the
 * call, a key row (a kill after the POST must find it). After the answer, the key settled and its task's row. One
 * thread, 16 descriptors to a commit (what the bridge's commits carry), no pool waits, no index but the keys, no
 * event outbox;</li>
 * <li>the event file: one {@code <id>.json} a descriptor (SPEC's {@code file:} endpoint, its pending event), of an
 * event's size, written under a temporary name and renamed, in a folder of its own.</li>
 * </ol>
 * CPU is this JVM's, user and system (the kernel's part of a file is most of its cost), after a first round that
 * warms the compiler.
 */
public final class FloorBenchmark {

    private static final int PER_COMMIT = 16;
    /** About the size of a pending event with its CloudEvents envelope. */
    private static final byte[] EVENT = ("{\"specversion\":\"1.0\",\"data\":\"" + "x".repeat(560) + "\"}").getBytes(StandardCharsets.UTF_8);

    private FloorBenchmark() {
    }

    /** @param args descriptors per round (default 20,000) */
    public static void main(String[] args) throws Exception {
        int descriptors = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("tikmatrix-floor");
        SettledFiles.await(dir.resolve("probe"));
        try (HikariDataSource store = StoreDataSource.open("jdbc:h2:file:" + dir.resolve("store"), "", "");
             Connection c = store.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE submission (descriptor_key VARCHAR(2048) PRIMARY KEY, state VARCHAR(16) NOT NULL,"
                        + " task_ids VARCHAR(8000), updated_at TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE task (host VARCHAR(64) NOT NULL, task_id BIGINT NOT NULL, descriptor_key VARCHAR(2048),"
                        + " status INT NOT NULL, PRIMARY KEY (host, task_id))");
            }
            c.setAutoCommit(false);
            double store1 = 0;
            double files1 = 0;
            for (int round = 0; round < 2; round++) {
                long before = cpuNanos();
                submissions(c, round * descriptors, descriptors);
                store1 = (cpuNanos() - before) / 1e6 * 1000 / descriptors;
                files1 = eventFiles(dir.resolve("events-" + round), descriptors);
            }
            System.out.printf("store, the least an exactly-once submission writes (%d to a commit): %.0f CPU-ms per 1,000 descriptors%n",
                    PER_COMMIT, store1);
            System.out.printf("one event file a descriptor (temporary name, renamed): %.0f CPU-ms per 1,000%n", files1);
            System.out.printf("together, before any HTTP call: %.0f CPU-ms per 1,000%n", store1 + files1);
        } finally {
            SettledFiles.delete(dir);
        }
    }

    private static void submissions(Connection c, int from, int count) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(
                "INSERT INTO submission (descriptor_key, state, updated_at) VALUES (?, 'IN_FLIGHT', CURRENT_TIMESTAMP)");
             PreparedStatement settle = c.prepareStatement(
                     "UPDATE submission SET state = 'SUBMITTED', task_ids = ?, updated_at = CURRENT_TIMESTAMP WHERE descriptor_key = ?");
             PreparedStatement track = c.prepareStatement(
                     "INSERT INTO task (host, task_id, descriptor_key, status) VALUES ('default', ?, ?, 0)")) {
            for (int first = from; first < from + count; first += PER_COMMIT) {
                int end = Math.min(first + PER_COMMIT, from + count);
                for (int i = first; i < end; i++) {
                    claim.setString(1, key(i));
                    claim.executeUpdate();
                }
                c.commit();
                for (int i = first; i < end; i++) {
                    settle.setString(1, "[" + i + "]");
                    settle.setString(2, key(i));
                    settle.executeUpdate();
                    track.setLong(1, i);
                    track.setString(2, key(i));
                    track.executeUpdate();
                }
                c.commit();
            }
        }
    }

    /**
     * Writes {@code count} event files into a new folder {@code events}: this machine's price of SPEC's one file per
     * event, which on an ext4 file system without a journal grows several times over for a few minutes after many
     * files were deleted ({@link SettledFiles}).
     *
     * @return this JVM's CPU-ms per 1,000 files
     */
    static double eventFiles(Path events, int count) throws IOException {
        Files.createDirectories(events);
        long before = cpuNanos();
        for (int i = 0; i < count; i++) {
            Path writing = events.resolve(".writing-" + i + "-0.json");
            Files.write(writing, EVENT);
            Files.move(writing, events.resolve(i + "-0.json"), StandardCopyOption.ATOMIC_MOVE);
        }
        return (cpuNanos() - before) / 1e6 * 1000 / count;
    }

    /** A descriptor key's shape: 64 hex digits. */
    private static String key(int i) {
        return String.format("%064x", i * 0x9E3779B97F4A7C15L);
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
