package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.descriptor.DescriptorKeys;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Duration;
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

    /** Beyond a leap year's cron (29 February) nothing is looked for. */
    private static final Duration LONGEST_LOOK_BACK = Duration.ofDays(8 * 366);

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
     * The cron time a firing stands for: {@code firedFor} itself when it is one, else the latest cron
     * time before it. Quartz gives a catch-up firing (misfire fire-once) the moment it caught up as its
     * scheduled time; this maps it back to the missed time, so it carries that time's key.
     */
    public static ZonedDateTime slotAtOrBefore(Schedule schedule, Instant firedFor) {
        CronExpression cron = cronOf(schedule);
        Date limit = Date.from(firedFor);
        // widen the look-back until it holds a cron time: a few steps for any real cron
        for (Duration window = Duration.ofSeconds(1); window.compareTo(LONGEST_LOOK_BACK) <= 0; window = window.multipliedBy(2)) {
            Date slot = cron.getNextValidTimeAfter(Date.from(firedFor.minus(window)));
            if (slot != null && !slot.after(limit)) {
                for (Date next = cron.getNextValidTimeAfter(slot); next != null && !next.after(limit);
                     next = cron.getNextValidTimeAfter(next)) {
                    slot = next;
                }
                return slot.toInstant().atZone(schedule.timezone());
            }
        }
        return firedFor.atZone(schedule.timezone());
    }

    /**
     * {@code schedule:<name>@<fire time>}, the fire time with its offset and to the second
     * (2026-03-08T09:00:00-04:00): the offset keeps the two 01:30 of a fall-back night apart.
     */
    public static String fireKey(String scheduleName, ZonedDateTime scheduledFireTime) {
        return DescriptorKeys.forScheduleFiring(scheduleName, fireTimeText(scheduledFireTime));
    }

    /** The fire time as the key and a receipt's source spell it. */
    public static String fireTimeText(ZonedDateTime scheduledFireTime) {
        return scheduledFireTime.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
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
