package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.descriptor.DescriptorKeys;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/** When a schedule fires, and the key each firing is submitted under. */
public final class FireTimes {

    private FireTimes() {
    }

    /**
     * The next {@code count} fire times strictly after {@code after}, in the schedule's zone; fewer when
     * the cron runs out (a cron may name a year).
     *
     * <p>Quartz is asked rather than java.time: a camel-quartz CronTrigger computes its fire times with
     * the same {@link CronExpression#getTimeAfter}, so a preview agrees with the real firings, daylight
     * saving quirks included.
     */
    public static List<ZonedDateTime> next(Schedule schedule, Instant after, int count) {
        CronExpression cron = cronOf(schedule);
        List<ZonedDateTime> times = new ArrayList<>(count);
        Date last = Date.from(after);
        while (times.size() < count) {
            last = cron.getNextValidTimeAfter(last);
            if (last == null) {
                break;
            }
            times.add(last.toInstant().atZone(schedule.timezone()));
        }
        return times;
    }

    /**
     * {@code schedule:<name>@<fire time>}, the fire time with its offset and to the second
     * (2026-03-08T09:00:00-04:00): the offset keeps the two 01:30 of a fall-back night apart.
     */
    public static String fireKey(String scheduleName, ZonedDateTime scheduledFireTime) {
        String time = scheduledFireTime.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return DescriptorKeys.forScheduleFiring(scheduleName, time);
    }

    private static CronExpression cronOf(Schedule schedule) {
        try {
            CronExpression cron = new CronExpression(schedule.cron());
            cron.setTimeZone(TimeZone.getTimeZone(schedule.timezone()));
            return cron;
        } catch (ParseException e) {
            // SchedulesLoader only builds schedules whose cron parsed
            throw new IllegalArgumentException("schedule '" + schedule.name() + "': invalid cron " + schedule.cron(), e);
        }
    }
}
