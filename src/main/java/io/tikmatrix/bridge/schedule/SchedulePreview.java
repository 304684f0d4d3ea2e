package io.tikmatrix.bridge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The plain-text answer of {@code --check}: each schedule's next fire times in its own zone and in
 * UTC, so that a user can see a wrong zone or cron before it fires at 3 a.m.
 */
public final class SchedulePreview {

    static final int FIRE_TIMES_SHOWN = 5;

    // largest first, so a duration is shown in the largest unit that divides it
    private static final List<ChronoUnit> UNITS =
            List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS);

    private SchedulePreview() {
    }

    public static String render(List<Schedule> schedules, Instant now) {
        StringBuilder out = new StringBuilder();
        for (Schedule schedule : schedules) {
            out.append(header(schedule)).append('\n');
            if (!schedule.enabled()) {
                continue;
            }
            List<ZonedDateTime> times = FireTimes.next(schedule, now, FIRE_TIMES_SHOWN);
            if (times.isEmpty()) {
                out.append("  (never fires again)\n");
            }
            for (ZonedDateTime time : times) {
                out.append("  ").append(DateTimeFormatter.ISO_ZONED_DATE_TIME.format(time))
                        .append("  =  ").append(DateTimeFormatter.ISO_INSTANT.format(time)).append('\n');
            }
        }
        return out.toString();
    }

    private static String header(Schedule s) {
        String header = String.join("  ", s.name(), s.cron(), s.timezone().getId(), s.misfire().text());
        if (!s.jitter().isZero()) {
            header += "  jitter up to " + shortest(s.jitter());
        }
        return s.enabled() ? header : header + "  disabled";
    }

    /** As a user writes it: 300000 ms is {@code 5m}, where Camel's own printing would say {@code 5m0s}. */
    private static String shortest(Duration duration) {
        long millis = duration.toMillis();
        ChronoUnit unit = UNITS.stream()
                .filter(u -> millis % u.getDuration().toMillis() == 0)
                .findFirst()
                .orElseThrow(); // ms divides everything
        return millis / unit.getDuration().toMillis() + switch (unit) {
            case HOURS -> "h";
            case MINUTES -> "m";
            case SECONDS -> "s";
            default -> "ms";
        };
    }
}
