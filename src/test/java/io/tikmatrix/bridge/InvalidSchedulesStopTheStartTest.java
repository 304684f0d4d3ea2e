package io.tikmatrix.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher, in a JVM of its own as a user runs it: an invalid schedules file stops the start with
 * exit code 2 and one line per problem, each naming the schedule and the field.
 */
class InvalidSchedulesStopTheStartTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemIsPrintedAndTheExitCodeIsTwo() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/schedules.yaml"), """
                schedules:
                  - name: morning-warmup
                    cron: "0 0 9 * * ?"
                    timezone: Asia/Kolkatta
                    misfire: sometimes
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 600}
                  - name: Evening
                    cron: "0 30 19 * *"
                    task: {script_name: account_warmup, serials: ["emulator-5554"], script_config: {task_duration: 60}}
                """);

        Process bridge = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // not the admin port's default: another test JVM may hold it, and the schedules are what is tested
                "-Dbridge.admin.enabled=false",
                "-cp", System.getProperty("java.class.path"),
                BridgeMain.class.getName())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();

        assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).as("the bridge stops by itself").isTrue();
        assertThat(bridge.exitValue()).isEqualTo(2);
        assertThat(read("err.txt").lines().filter(l -> l.startsWith("schedules: ")))
                .hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("schedule 'morning-warmup', field timezone"))
                .anySatisfy(l -> assertThat(l).contains("schedule 'morning-warmup', field misfire"))
                .anySatisfy(l -> assertThat(l).contains("schedule #2, field name"))
                .anySatisfy(l -> assertThat(l).contains("schedule #2, field cron"));
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }
}
