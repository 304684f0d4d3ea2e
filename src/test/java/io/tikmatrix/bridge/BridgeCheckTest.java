package io.tikmatrix.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --check reads configuration, routes and schedules, prints the coming fire times, and calls nothing. */
class BridgeCheckTest {

    private static final String GOOD_SCHEDULES = """
            schedules:
              - name: morning-warmup
                cron: "0 0 9 * * ?"
                timezone: Asia/Kolkata
                task:
                  script_name: account_warmup
                  serials: ["emulator-5554"]
                  script_config: {task_duration: 600}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aGoodSetupExitsZeroWithEachScheduleNextFiveFireTimesInItsZoneAndUtc() throws IOException {
        Path schedules = write("schedules.yaml", GOOD_SCHEDULES);

        int exit = check(Map.of("bridge.schedules.file", schedules.toString()));

        assertThat(exit).isZero();
        assertThat(text(err)).isEmpty();
        assertThat(text(out)).contains("routes: ok", "morning-warmup  0 0 9 * * ?  Asia/Kolkata  fire-once");
        assertThat(text(out).lines().filter(l -> l.contains("T09:00:00+05:30[Asia/Kolkata]  =  ") && l.endsWith("T03:30:00Z")))
                .hasSize(5);
    }

    @Test
    void anInvalidScheduleExitsTwoNamingTheScheduleAndField() throws IOException {
        Path schedules = write("schedules.yaml", GOOD_SCHEDULES.replace("0 0 9 * * ?", "0 0 25 * * ?"));

        int exit = check(Map.of("bridge.schedules.file", schedules.toString()));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("schedules: schedule 'morning-warmup', field cron:");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void aBadConfigurationValueExitsTwoNamingTheKey() {
        int exit = check(Map.of("bridge.schedules.reload-interval", "soon"));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("configuration: bridge.schedules.reload-interval:");
    }

    @Test
    void aFleetHostWithoutItsAddressExitsTwoNamingTheKey() {
        int exit = check(Map.of("tikmatrix.hosts.pc-1.base-url", "http://127.0.0.1:50809/api/v1",
                "tikmatrix.hosts.pc-2.devices", "R58M123ABC"));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("configuration: tikmatrix.hosts.pc-2.devices:");
    }

    @Test
    void aBrokenRouteFileExitsTwoNamingTheFile() throws IOException {
        Path workingDir = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(workingDir.resolve("routes"));
        Files.writeString(workingDir.resolve("routes/broken.camel.yaml"), "- route:\n    from: [unclosed\n");

        int exit = BridgeCheck.run(workingDir, Map.of("bridge.data-dir", dir.resolve("data").toString()), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("routes: broken.camel.yaml");
    }

    /** From the project root, whose routes/ are the real ones. */
    private int check(Map<String, String> settings) {
        Map<String, String> overrides = new java.util.HashMap<>(settings);
        overrides.put("bridge.data-dir", dir.resolve("data").toString());
        return BridgeCheck.run(Path.of("").toAbsolutePath(), overrides, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
