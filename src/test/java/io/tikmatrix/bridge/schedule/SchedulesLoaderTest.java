package io.tikmatrix.bridge.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SchedulesLoaderTest {

    private static final String TASK = """
                task:
                  script_name: account_warmup
                  serials: ["emulator-5554"]
                  script_config: {task_duration: 600}
            """;

    @TempDir
    Path dir;

    private final SchedulesLoader loader = new SchedulesLoader(TestValidators.scriptNameAndTaskDuration());

    @Test
    void readsEveryFieldAndDefaultsTheOptionalOnes() throws IOException {
        SchedulesFile file = loader.load(write("""
                schedules:
                  - name: morning-warmup
                    cron: "0 0 9 * * ?"
                    timezone: Asia/Kolkata
                    misfire: skip
                    enabled: false
                    jitter: 5m
                """ + TASK + """
                  - name: plain
                    cron: "0 0 21 * * ?"
                """ + TASK));

        assertThat(file.missing()).isFalse();
        assertThat(file.schedules()).hasSize(2);
        Schedule full = file.schedules().get(0);
        assertThat(full.name()).isEqualTo("morning-warmup");
        assertThat(full.cron()).isEqualTo("0 0 9 * * ?");
        assertThat(full.timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(full.misfire()).isEqualTo(Misfire.SKIP);
        assertThat(full.enabled()).isFalse();
        assertThat(full.jitter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(full.task().get("script_name").asText()).isEqualTo("account_warmup");
        assertThat(full.task().at("/script_config/task_duration").asInt()).isEqualTo(600);

        Schedule defaults = file.schedules().get(1);
        assertThat(defaults.timezone()).isEqualTo(ZoneId.systemDefault());
        assertThat(defaults.misfire()).isEqualTo(Misfire.FIRE_ONCE);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.jitter()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "5s", "2m", "1h", "1500"})
    void acceptsEveryDurationForm(String jitter) throws IOException {
        Schedule schedule = loader.load(write(entry("jitter: " + jitter))).schedules().get(0);

        assertThat(schedule.jitter()).isPositive();
    }

    @Test
    void missingFileGivesNoSchedulesAndSaysSo() {
        SchedulesFile file = loader.load(dir.resolve("absent.yaml"));

        assertThat(file.missing()).isTrue();
        assertThat(file.schedules()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "schedules:\n", "schedules: []\n", "schedules: ~\n"})
    void emptyFileGivesNoSchedules(String content) throws IOException {
        SchedulesFile file = loader.load(write(content));

        assertThat(file.missing()).isFalse();
        assertThat(file.schedules()).isEmpty();
    }

    static Stream<Arguments> invalidEntries() {
        return Stream.of(
                arguments("unknown key", entry("colour: blue"),
                        "schedule 'morning-warmup', field colour: unknown key"),
                arguments("invalid cron", """
                        schedules:
                          - name: morning-warmup
                            cron: "0 0 25 * * ?"
                        """ + TASK,
                        "schedule 'morning-warmup', field cron: '0 0 25 * * ?' is not a valid Quartz cron ("),
                arguments("unknown timezone", entry("timezone: Asia/Kolkatta"),
                        "schedule 'morning-warmup', field timezone: 'Asia/Kolkatta' is not a known IANA time zone"),
                arguments("misfire", entry("misfire: later"),
                        "schedule 'morning-warmup', field misfire: 'later' is not one of fire-once, skip"),
                arguments("enabled", entry("enabled: sometimes"),
                        "schedule 'morning-warmup', field enabled: 'sometimes' must be true or false"),
                arguments("jitter", entry("jitter: 5 minutes"),
                        "schedule 'morning-warmup', field jitter: '5 minutes' is not a duration"),
                arguments("task rejected", withTask("{script_name: account_warmup, script_config: {task_duration: ten}}"),
                        "schedule 'morning-warmup', field task: 40001 script_config.task_duration: expected number"),
                arguments("task without script", withTask("{serials: [emulator-5554]}"),
                        "schedule 'morning-warmup', field task: 40002 script_name: required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEntries")
    void namesTheScheduleAndTheField(String problem, String yaml, String expected) throws IOException {
        assertThat(problemsOf(yaml)).singleElement().asString().startsWith(expected);
    }

    @Test
    void missingCronAndTaskAreEachReported() throws IOException {
        assertThat(problemsOf("""
                schedules:
                  - name: bare
                """)).containsExactly(
                "schedule 'bare', field cron: is required",
                "schedule 'bare', field task: is required (a descriptor, as in an inbox .json file)");
    }

    @Test
    void taskThatIsNotAMappingIsReported() throws IOException {
        assertThat(problemsOf("""
                schedules:
                  - name: listed
                    cron: "0 0 9 * * ?"
                    task: [script_name, account_warmup]
                """)).containsExactly("schedule 'listed', field task: must be a mapping (a descriptor, as in an inbox .json file)");
    }

    @Test
    void unknownKeysInsideTheTaskAreTheValidatorsBusiness() throws IOException {
        SchedulesFile file = loader.load(write(withTask("{script_name: account_warmup, colour: blue}")));

        assertThat(file.schedules()).hasSize(1);
    }

    @Test
    void scheduleWithoutAValidNameIsNamedByItsPosition() throws IOException {
        assertThat(problemsOf("""
                schedules:
                  - name: first
                    cron: "0 0 9 * * ?"
                """ + TASK + """
                  - cron: "0 0 9 * * ?"
                """ + TASK + """
                  - name: Morning Warmup
                    cron: "0 0 9 * * ?"
                """ + TASK + """
                  - name: first
                    cron: "0 0 9 * * ?"
                    misfire: never
                """ + TASK)).containsExactly(
                "schedule #2, field name: is required",
                "schedule #3, field name: 'Morning Warmup' must match [a-z0-9-]+",
                "schedule #4, field name: 'first' is already the name of schedule #1",
                "schedule #4, field misfire: 'never' is not one of fire-once, skip");
    }

    @Test
    void unknownTopLevelKeyIsReported() throws IOException {
        assertThat(problemsOf("schedule: []\n"))
                .containsExactly("schedules file, field schedule: unknown top-level key (known: schedules)");
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnce() throws IOException {
        Path file = write("""
                timetable: daily
                schedules:
                  - name: morning-warmup
                    cron: "0 0 25 * * ?"
                    timezone: Mars/Olympus
                """ + TASK + """
                  - name: evening-warmup
                    cron: "0 30 19 * * ?"
                    enabled: yes please
                    task: {serials: ["emulator-5554"]}
                """);

        InvalidSchedulesException e = catchThrowableOfType(InvalidSchedulesException.class, () -> loader.load(file));

        assertThat(e.problems()).hasSize(5).satisfiesExactly(
                p -> assertThat(p).startsWith("schedules file, field timetable:"),
                p -> assertThat(p).startsWith("schedule 'morning-warmup', field cron:"),
                p -> assertThat(p).startsWith("schedule 'morning-warmup', field timezone:"),
                p -> assertThat(p).startsWith("schedule 'evening-warmup', field enabled:"),
                p -> assertThat(p).startsWith("schedule 'evening-warmup', field task: 40002"));
        assertThat(e.getMessage()).contains(file.toString()).contains(e.problems());
    }

    @Test
    void yamlThatDoesNotParseIsOneProblem() throws IOException {
        assertThat(problemsOf("schedules:\n  - name: [unclosed\n")).singleElement().asString()
                .startsWith("not valid YAML:");
    }

    /** One valid schedule named morning-warmup, plus {@code extraLine} among its fields. */
    private static String entry(String extraLine) {
        return """
                schedules:
                  - name: morning-warmup
                    cron: "0 0 9 * * ?"
                    %s
                """.formatted(extraLine) + TASK;
    }

    /** One schedule named morning-warmup whose task is {@code taskFlowMapping}. */
    private static String withTask(String taskFlowMapping) {
        return """
                schedules:
                  - name: morning-warmup
                    cron: "0 0 9 * * ?"
                    task: %s
                """.formatted(taskFlowMapping);
    }

    private List<String> problemsOf(String yaml) throws IOException {
        Path file = write(yaml);
        return catchThrowableOfType(InvalidSchedulesException.class, () -> loader.load(file)).problems();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("schedules.yaml"), yaml, StandardCharsets.UTF_8);
    }
}
