package io.tikmatrix.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distribution as a user meets it (README, "Install"), run by {@code mvn verify} after {@code package}: the zip
 * unpacked into a folder with a space in its name, {@code bin/tikmatrix-bridge} (or the {@code .bat} on Windows)
 * started from another working directory with {@code --simulator}, an example file dropped, its receipt read; then
 * started again, on the class data archive the first start wrote.
 */
class DistributionIT {

    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

    @TempDir
    Path dir;

    @Test
    void theUnpackedZipRunsFromAnyWorkingDirectory() throws Exception {
        Path zip = Path.of(System.getProperty("tikmatrix.distribution", "target/none.zip"));
        assertThat(zip).as("mvn package makes the distribution before the integration tests").exists();
        Path install = unzip(zip, Files.createDirectories(dir.resolve("install dir"))).resolve(zip.getFileName().toString()
                .replaceFirst("\\.zip$", ""));
        assertThat(install.resolve("bin/tikmatrix-bridge.bat")).exists();
        assertThat(List.of("lib", "config", "routes", "examples")).allMatch(folder -> Files.isDirectory(install.resolve(folder)));
        assertThat(install.resolve("README.md")).exists();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        int port = freePort();

        Process bridge = start(install, elsewhere, port, "bridge.log");
        try {
            awaitHealthy(bridge, port, "bridge.log");

            Path staged = Files.copy(install.resolve("examples/post-and-warmup.json"), dir.resolve("post-and-warmup.json"));
            Files.move(staged, install.resolve("data/inbox/post-and-warmup.json"), StandardCopyOption.ATOMIC_MOVE);

            Path receipt = install.resolve("data/receipts/post-and-warmup.json.receipt.json");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(receipt));
            JsonNode summary = BridgeHarness.read(receipt).path("summary");
            assertThat(summary.path("submitted").asInt()).isEqualTo(2);
            assertThat(summary.path("dead_lettered").asInt()).isZero();
            assertThat(elsewhere.resolve("data")).as("nothing is made in the working directory").doesNotExist();
            assertThat(log("bridge.log")).contains("drop files into  " + install.resolve("data").resolve("inbox"));
        } finally {
            stop(bridge);
        }

        // the first start left the classes it loaded in an archive (README, "Install"); the next one maps it
        Path archive = install.resolve("lib/tikmatrix-bridge.jsa");
        assertThat(archive).as("class data archive written as the first start stopped").isNotEmptyFile();
        assertThat(log("bridge.log")).as("writing it, the JVM said nothing on the console").doesNotContain("[warning]");
        Process again = start(install, elsewhere, port, "again.log");
        try {
            awaitHealthy(again, port, "again.log");
            if (Files.exists(Path.of("/proc/self/maps"))) {
                assertThat(Files.readString(Path.of("/proc/" + again.pid() + "/maps"))).as("the JVM maps the archive")
                        .contains(archive.toString());
            }
            assertThat(log("again.log")).as("the JVM took the archive without complaint").doesNotContain("[warning]");
        } finally {
            stop(again);
        }
    }

    private Process start(Path install, Path workingDir, int port, String logName) throws IOException {
        ProcessBuilder start = new ProcessBuilder(WINDOWS
                ? List.of("cmd", "/c", install.resolve("bin/tikmatrix-bridge.bat").toString(), "--simulator")
                : List.of(install.resolve("bin/tikmatrix-bridge").toString(), "--simulator"))
                .directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        start.environment().remove("BRIDGE_HOME");
        start.environment().put("JAVA_HOME", System.getProperty("java.home"));
        start.environment().put("BRIDGE_HEALTH_PORT", Integer.toString(port));
        return start.start();
    }

    private void awaitHealthy(Process bridge, int port, String logName) {
        URI health = URI.create("http://127.0.0.1:" + port + "/observe/health");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast("the bridge stopped; its log:\n" + log(logName), () -> !bridge.isAlive())
                .until(() -> isUp(health));
    }

    /** Like Ctrl+C: the JVM's shutdown hook stops the bridge and the simulator. */
    private static void stop(Process bridge) throws InterruptedException {
        bridge.toHandle().descendants().forEach(ProcessHandle::destroy);
        bridge.destroy();
        if (!bridge.waitFor(60, TimeUnit.SECONDS)) {
            bridge.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            bridge.destroyForcibly();
        }
    }

    private static boolean isUp(URI health) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** As a user's unzip does it; the zip's file modes are not read, so the script is made executable here. */
    private static Path unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        try (var scripts = Files.list(into)) {
            scripts.forEach(top -> top.resolve("bin/tikmatrix-bridge").toFile().setExecutable(true));
        }
        return into;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
