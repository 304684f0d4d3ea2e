package io.tikmatrix.bridge.schedule;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulePreviewTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final SchedulesFile example = new SchedulesLoader(TestValidators.scriptNameAndTaskDuration())
            .load(Path.of("examples/schedules.yaml"));

    @Test
    void exampleFileLoads() {
        assertThat(example.missing()).isFalse();
        assertThat(example.schedules()).extracting(Schedule::name)
                .containsExactly("morning-warmup", "evening-warmup", "weekday-follow");
        assertThat(example.enabled()).hasSize(2);
    }

    @Test
    void showsFiveFireTimesInTheZoneAndInUtcPerEnabledSchedule() {
        List<String> lines = SchedulePreview.render(example.schedules(), NOW).lines().toList();

        assertThat(lines).containsExactly(
                "morning-warmup  0 0 9 * * ?  Asia/Kolkata  fire-once",
                "  2026-11-29T09:00:00+05:30[Asia/Kolkata]  =  2026-11-29T03:30:00Z",
                "  2026-11-30T09:00:00+05:30[Asia/Kolkata]  =  2026-11-30T03:30:00Z",
                "  2026-12-01T09:00:00+05:30[Asia/Kolkata]  =  2026-12-01T03:30:00Z",
                "  2026-12-02T09:00:00+05:30[Asia/Kolkata]  =  2026-12-02T03:30:00Z",
                "  2026-12-03T09:00:00+05:30[Asia/Kolkata]  =  2026-12-03T03:30:00Z",
                "evening-warmup  0 30 19 * * ?  Asia/Kolkata  skip",
                "  2026-11-28T19:30:00+05:30[Asia/Kolkata]  =  2026-11-28T14:00:00Z",
                "  2026-11-29T19:30:00+05:30[Asia/Kolkata]  =  2026-11-29T14:00:00Z",
                "  2026-11-30T19:30:00+05:30[Asia/Kolkata]  =  2026-11-30T14:00:00Z",
                "  2026-12-01T19:30:00+05:30[Asia/Kolkata]  =  2026-12-01T14:00:00Z",
                "  2026-12-02T19:30:00+05:30[Asia/Kolkata]  =  2026-12-02T14:00:00Z",
                "weekday-follow  0 0 15 ? * MON-FRI  Asia/Kolkata  fire-once  jitter up to 5m  disabled");
    }

    @Test
    void saysSoWhenACronHasNoFutureFireTime() {
        Schedule past = new Schedule("once", "0 0 9 1 1 ? 2025", ZoneOffset.UTC, Misfire.SKIP, true,
                null, example.schedules().get(0).task());

        assertThat(SchedulePreview.render(List.of(past), NOW))
                .isEqualTo("once  0 0 9 1 1 ? 2025  Z  skip\n  (never fires again)\n");
    }
}
