package io.tikmatrix.bridge.support;

import io.tikmatrix.bridge.BridgeMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The bridge as an operator runs it, in a JVM of its own, so it can be killed without warning: started from
 * a working directory that holds a copy of the project's {@code routes/}, configured with {@code -D} options,
 * its output appended to one log file across all its lives.
 */
public final class BridgeProcess implements AutoCloseable {

    /** What {@link BridgeMain} logs once the Camel context runs. */
    private static final String READY_LINE = "tikmatrix-bridge running against";
    /**
     * A cold JVM's start on a busy 2-core machine (other builds, the other test fork) has been seen to pass 30 s;
     * the limit only tells a hung start from a slow one, and the benchmark measures the start itself.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** A clean stop lets calls in flight finish within their time-outs, and the JVM may write its class data archive. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path workingDir;
    private final List<String> command;
    private final Path log;
    private Process process;
    private long launchedAtNanos;
    private int starts;

    /** @param jvmOptions heap and compiler options of the bridge's JVM, e.g. {@code -Xmx384m} */
    public BridgeProcess(Path workingDir, List<String> jvmOptions, Map<String, String> settings) {
        this.workingDir = workingDir;
        this.log = workingDir.resolve("bridge.log");
        copyRoutes(Path.of("routes").toAbsolutePath(), workingDir.resolve("routes"));
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        // the test classpath carries log4j2-test.xml (errors only); the product's own configuration
        // logs the ready line and each submission, which is what a failure report needs
        // the benchmarks run it on the product's own classpath (bench/run.sh), not on the tests' bigger one
        command.addAll(List.of("-Dlog4j2.configurationFile=log4j2.xml", "-cp",
                System.getProperty("tikmatrix.bridge.classpath", System.getProperty("java.class.path"))));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(BridgeMain.class.getName());
    }

    /** Starts a new life of the bridge and returns once it logs that it runs. */
    public void start() {
        starts++;
        long logStart = appendToLog("==== start " + starts + " ====");
        launchedAtNanos = System.nanoTime();
        try {
            process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the bridge JVM", e);
        }
        await("bridge start " + starts).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            requireAlive();
            return logSince(logStart).contains(READY_LINE);
        });
    }

    /** Fails with the log's tail when the bridge died by itself, so a broken set-up is not read as a product fault. */
    public void requireAlive() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the bridge JVM is not running (exit code "
                    + (process == null ? "none" : process.exitValue()) + "); its log ends with:\n" + logTail(40));
        }
    }

    /** SIGTERM, as Ctrl+C: the bridge stops cleanly, and the JVM does what it does on its way out. */
    public void stop() {
        end(false, STOP_TIMEOUT);
    }

    /** SIGKILL on Linux (TerminateProcess on Windows): no shutdown hook, no flush, no goodbye. */
    public void kill() {
        end(true, EXIT_TIMEOUT);
    }

    private void end(boolean forcibly, Duration within) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the bridge JVM was still there " + within + " after "
                        + (forcibly ? "SIGKILL" : "SIGTERM") + "; its log ends with:\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the bridge JVM to exit", e);
        }
        process = null;
    }

    /** Where it runs: its {@code bridge.log}, and its {@code config/} and {@code data/} when the test puts them there. */
    public Path workingDir() {
        return workingDir;
    }

    /** The running JVM, for its CPU time and memory. */
    public ProcessHandle handle() {
        requireAlive();
        return process.toHandle();
    }

    /** {@link System#nanoTime()} when the current life was launched. */
    public long launchedAtNanos() {
        return launchedAtNanos;
    }

    public int starts() {
        return starts;
    }

    public String logTail(int lines) {
        List<String> all = readLog().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        kill();
    }

    /** @return the log's size before the line, to read only what the next life writes */
    private long appendToLog(String line) {
        try {
            long size = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logSince(long offset) {
        byte[] all = readLogBytes();
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private String readLog() {
        return new String(readLogBytes(), StandardCharsets.UTF_8);
    }

    private byte[] readLogBytes() {
        try {
            return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRoutes(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }
}
