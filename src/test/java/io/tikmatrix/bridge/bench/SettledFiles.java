package io.tikmatrix.bridge.bench;

import io.tikmatrix.bridge.support.TempDirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bridge writes an event file for each descriptor, and on an ext4 file system without a journal (the
 * benchmarks' virtual machines) a new file costs several times more for up to 5 minutes after many files were
 * deleted: the kernel passes over the inodes freed in that time, one by one, for each file it makes
 * (docs/BENCHMARKS.md, session 13). A benchmark that deleted thousands of files as it ended would slow the next
 * one's bridge; benchmarks that make many files delete them here, and the speed and floor benchmarks await the file
 * system before they measure, so that back-to-back runs compare. The wait is a kernel's time window, not an event:
 * there is nothing to be told of.
 */
final class SettledFiles {

    private static final Path LAST_DELETION = Path.of("target", "bench-files-deleted");
    private static final long SETTLED_AFTER = TimeUnit.MINUTES.toMillis(5);

    private SettledFiles() {
    }

    /** Deletes a benchmark's folder and notes when. */
    static void delete(Path dir) throws IOException {
        TempDirs.delete(dir);
        Files.writeString(LAST_DELETION, "");
    }

    /** Waits until 5 minutes after the last {@link #delete}, then says what a new event file costs, in {@code probes}. */
    static void await(Path probes) throws IOException, InterruptedException {
        if (Files.exists(LAST_DELETION)) {
            long since = System.currentTimeMillis() - Files.getLastModifiedTime(LAST_DELETION).toMillis();
            if (since < SETTLED_AFTER) {
                System.out.printf("waiting %d s: the last benchmark deleted its files %d s ago%n",
                        (SETTLED_AFTER - since) / 1000, since / 1000);
                Thread.sleep(SETTLED_AFTER - since);
            }
        }
        System.out.printf("a new event file: %.0f CPU-ms per 1,000 (bench/run.sh floor)%n", FloorBenchmark.eventFiles(probes, 2_000));
    }
}
