package io.tikmatrix.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher as an operator meets it: a child JVM started the way the jar is, from a working directory. */
class LauncherTest {

    @TempDir
    Path workingDir;

    private record Run(int exitCode, String output) {
    }

    private Run launch(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return launch(Map.of(), jvmOptions, args);
    }

    private Run launch(Map<String, String> environment, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        return new Run(ended ? process.exitValue() : -1, new String(process.getInputStream().readAllBytes()));
    }

    private static List<String> command(List<String> jvmOptions, String... args) {
        // each child lives a few seconds: C1 alone and the serial collector start it faster than the JVM's defaults
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        // the test classpath carries log4j2-test.xml (errors only); the banner is the product's INFO
        command.add("-Dlog4j2.configurationFile=log4j2.xml");
        command.add(BridgeMain.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aBadValueStopsTheStartWithItsKeyAndExitCode2() throws Exception {
        Run run = launch(List.of("-Dbridge.retry.initial-delay=soonish", "-Dbridge.api.concurrency=0"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("bridge.retry.initial-delay").contains("soonish").contains("bridge.api.concurrency");
    }

    @Test
    void aBadValueInTheConfigFileIsNamedToo() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/application.properties"), "tikmatrix.base-url=not a url\n");

        Run run = launch(List.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("tikmatrix.base-url");
    }

    /**
     * Camel's layers, each shown by the bad value that wins: an environment variable (upper case, '.' and '-'
     * as '_') beats -D, which beats config/application.properties, which beats the defaults.
     */
    @Test
    void environmentBeatsSystemPropertiesWhichBeatTheFile() throws Exception {
        Files.createDirectories(workingDir.resolve("config"));
        Files.writeString(workingDir.resolve("config/application.properties"),
                "bridge.api.concurrency=from-file\nbridge.inbox.max-field-length=from-file\nbridge.retry.multiplier=from-file\n");

        Run run = launch(Map.of("BRIDGE_API_CONCURRENCY", "from-env", "TIKMATRIX_BASE_URL", "ftp://from-env"),
                List.of("-Dbridge.api.concurrency=from-sys", "-Dbridge.inbox.max-field-length=from-sys"), "--check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output().lines().filter(l -> l.startsWith("configuration: "))).containsExactlyInAnyOrder(
                "configuration: bridge.api.concurrency: 'from-env' is not a whole number",
                "configuration: bridge.inbox.max-field-length: 'from-sys' is not a whole number",
                "configuration: bridge.retry.multiplier: 'from-file' is not a number",
                "configuration: tikmatrix.base-url: 'ftp://from-env' is not an http(s) URL with a host");
    }

    @Test
    void theSimulatorIsRefusedWhenTheEnvironmentWouldPointTheBridgeElsewhere() throws Exception {
        Run run = launch(Map.of("TIKMATRIX_BASE_URL", "http://real-tikmatrix:50809/api/v1"), List.of(), "--simulator");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("tikmatrix.base-url is set by the environment or -D");
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(strings = {"", "--simulator", "--check"})
    void aPortOutOfRangeStopsTheStartWithItsKeyAndExitCode2(String option) throws Exception {
        Run run = launch(List.of("-Dbridge.health.port=99999"), options(option));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("bridge.health.port").contains("99999").contains("65535");
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(strings = {"", "--simulator"})
    void aTakenPortStopsTheStartWithItsKeyAndExitCode2(String option) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = launch(List.of("-Dbridge.health.port=" + taken.getLocalPort()), options(option));

            // -1 would be a bridge still running (or a simulator keeping the JVM alive) after the wait
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.output()).contains("bridge.health.port").contains(Integer.toString(taken.getLocalPort()))
                    .doesNotContain("\tat ");
        }
    }

    private static String[] options(String option) {
        return option.isEmpty() ? new String[0] : new String[] {option};
    }

    @Test
    void helpNamesEveryOptionAndTheMostUsedKeys() throws Exception {
        Run run = launch(List.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("--simulator", "--check", "--home <dir>", "--version", "--help", "BRIDGE_HOME",
                "BRIDGE_LOG_LEVEL", "tikmatrix.base-url", "bridge.inbox.dir", "bridge.inbox.csv-charset", "bridge.admin.port",
                "bridge.events.endpoints");
    }

    @Test
    void versionIsTheOneMavenBuilt() throws Exception {
        Run run = launch(List.of(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.output().strip()).matches("tikmatrix-bridge \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    /** The bridge's folder is --home, else BRIDGE_HOME, else the working directory: its config/ is the one read. */
    @Test
    void homeIsTheFolderWhoseConfigurationIsRead() throws Exception {
        Path home = Files.createDirectories(workingDir.resolve("install dir"));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), "bridge.api.concurrency=from-home\n");

        Run byOption = launch(List.of(), "--check", "--home", home.toString());
        Run byEnvironment = launch(Map.of("BRIDGE_HOME", home.toString()), List.of(), "--check");
        Run here = launch(List.of(), "--check");

        assertThat(byOption.exitCode()).isEqualTo(2);
        assertThat(byOption.output()).contains("bridge.api.concurrency: 'from-home' is not a whole number");
        assertThat(byEnvironment.output()).contains("bridge.api.concurrency: 'from-home' is not a whole number");
        assertThat(here.output()).doesNotContain("from-home");
    }

    @Test
    void aHomeThatIsNoFolderIsRefused() throws Exception {
        Run run = launch(List.of(), "--home", workingDir.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--home: ").contains("nowhere is not a folder");
    }

    /** The first lines say which TikMatrix, where to drop files, where outcomes go and the URLs to look at it. */
    @Test
    void theStartBannerSaysWhereEverythingIs() throws Exception {
        Path home = Files.createDirectories(workingDir.resolve("home"));
        int port = freePort();
        String banner = banner(home, port, "--simulator");
        Path data = home.resolve("data");
        assertThat(banner).containsPattern("tikmatrix-bridge running against http://127\\.0\\.0\\.1:\\d+/api/v1 \\(version ")
                .contains("drop files into  " + data.resolve("inbox"))
                .contains("receipts         " + data.resolve("receipts"))
                .contains("dead letters     " + data.resolve("deadletter"))
                .contains("events           " + data.resolve("events"))
                .contains("health           http://127.0.0.1:" + port + "/observe/health")
                .contains("metrics          http://127.0.0.1:" + port + "/observe/metrics")
                .contains("console          http://127.0.0.1:" + port + "/")
                .contains("admin API        http://127.0.0.1:" + port + "/api/");
        assertThat(workingDir.resolve("data")).as("nothing is made in the working directory").doesNotExist();
    }

    /** {@code --simulator --hosts 3}: a fleet of three simulated PCs, each named with its address. */
    @Test
    void theSimulatorCanBeAFleet() throws Exception {
        String banner = banner(Files.createDirectories(workingDir.resolve("home")), freePort(), "--simulator", "--hosts", "3");

        assertThat(banner).contains("tikmatrix-bridge running against a fleet of 3 TikMatrix hosts (version ")
                .containsPattern("  host host-1      http://127\\.0\\.0\\.1:\\d+/api/v1")
                .containsPattern("  host host-2      http://127\\.0\\.0\\.1:\\d+/api/v1")
                .containsPattern("  host host-3      http://127\\.0\\.0\\.1:\\d+/api/v1");
    }

    @Test
    void hostsWithoutTheSimulatorAreRefused() throws Exception {
        Run run = launch(List.of(), "--hosts", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--hosts says how many TikMatrix PCs --simulator simulates");
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** Starts the launcher in {@code home} and answers what it printed once the banner's last line is out. */
    private String banner(Path home, int port, String... options) throws Exception {
        copyRoutes(home);
        Path output = workingDir.resolve("output.txt");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--home", home.toString()));
        Process process = new ProcessBuilder(command(List.of("-Dbridge.health.port=" + port), args.toArray(String[]::new)))
                .directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("admin API") || !process.isAlive());
            return Files.readString(output);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void copyRoutes(Path home) throws IOException {
        Path routes = Files.createDirectories(home.resolve("routes"));
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void anUnknownOptionIsRefused() throws Exception {
        Run run = launch(List.of(), "--simulatr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--simulatr");
    }
}
