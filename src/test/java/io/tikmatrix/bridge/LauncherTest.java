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

import static org.assertj.core.api.Assertions.assertThat;

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
        // each child lives a few seconds: C1 alone and the serial collector start it faster than the JVM's defaults
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(BridgeMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        return new Run(ended ? process.exitValue() : -1, new String(process.getInputStream().readAllBytes()));
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
    void anUnknownOptionIsRefused() throws Exception {
        Run run = launch(List.of(), "--simulatr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--simulatr");
    }
}
