package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fire times around the clock changes, as Quartz computes them: its CronExpression for fixed 2026 dates, and the
 * triggers camel-quartz really runs in a bridge for the next clock changes to come.
 */
class DaylightSavingFireTimesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Started only by the case that reads the running scheduler. */
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "America/New_York, 2026-03-08",  // spring forward: 02:00 -> 03:00
            "America/New_York, 2026-11-01",  // fall back: 02:00 -> 01:00
            "Europe/Berlin,    2026-03-29",  // spring forward: 02:00 -> 03:00
            "Europe/Berlin,    2026-10-25"}) // fall back: 03:00 -> 02:00
    void dailyNineOClockFiresOncePerLocalDayAtNine(String zoneId, LocalDate changeDay) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate firstDay = changeDay.minusDays(3);

        List<ZonedDateTime> times = FireTimes.next(daily("0 0 9 * * ?", zone), firstDay.atStartOfDay(zone).toInstant(), 7);

        assertOncePerLocalDayAtNine(times, zone, firstDay);
    }

    @Test
    void halfPastTwoIsSkippedOnTheDayItDoesNotExist() {
        List<ZonedDateTime> times = FireTimes.next(daily("0 30 2 * * ?", NEW_YORK),
                LocalDate.of(2026, 3, 6).atStartOfDay(NEW_YORK).toInstant(), 3);

        // Quartz neither moves the firing to 03:30 nor fires twice: 2026-03-08 simply has no firing
        assertThat(times).extracting(ZonedDateTime::toString).containsExactly(
                "2026-03-06T02:30-05:00[America/New_York]",
                "2026-03-07T02:30-05:00[America/New_York]",
                "2026-03-09T02:30-04:00[America/New_York]");
    }

    @Test
    void halfPastOneFiresOnceOnTheNightItHappensTwice() {
        List<ZonedDateTime> times = FireTimes.next(daily("0 30 1 * * ?", NEW_YORK),
                LocalDate.of(2026, 10, 31).atStartOfDay(NEW_YORK).toInstant(), 3);

        // Quartz fires at the second 01:30 (standard time, -05:00), not at the first one (-04:00)
        assertThat(times).extracting(ZonedDateTime::toString).containsExactly(
                "2026-10-31T01:30-04:00[America/New_York]",
                "2026-11-01T01:30-05:00[America/New_York]",
                "2026-11-02T01:30-05:00[America/New_York]");
    }

    /**
     * The triggers camel-quartz schedules from a schedules file (cron and timezone through the schedule route's
     * template) fire as the cases above say, and at the times the preview shows. A trigger computes no fire time
     * before it was scheduled, so the clock changes looked at are the next ones, a week or more from now.
     */
    @Test
    void theRunningTriggersFireTheSameAcrossTheNextClockChanges() throws Exception {
        bridge.schedules("schedules:\n"
                + entry("new-york-nine", "0 0 9 * * ?", NEW_YORK)
                + entry("berlin-nine", "0 0 9 * * ?", BERLIN)
                + entry("new-york-half-past-two", "0 30 2 * * ?", NEW_YORK)
                + entry("new-york-half-past-one", "0 30 1 * * ?", NEW_YORK));
        bridge.start();
        Scheduler scheduler = bridge.bridge().camelContext().getComponent("quartz", QuartzComponent.class).getScheduler();

        for (Map.Entry<String, ZoneId> nine : Map.of("new-york-nine", NEW_YORK, "berlin-nine", BERLIN).entrySet()) {
            CronTrigger trigger = trigger(scheduler, nine.getKey());
            ZoneId zone = trigger.getTimeZone().toZoneId();
            assertThat(zone).isEqualTo(nine.getValue());
            for (ZoneOffsetTransition change : nextTwoClockChanges(zone)) {
                LocalDate firstDay = change.getDateTimeBefore().toLocalDate().minusDays(3);
                Instant from = firstDay.atStartOfDay(zone).toInstant();

                List<ZonedDateTime> times = fireTimes(trigger, from, 7);

                assertOncePerLocalDayAtNine(times, zone, firstDay);
                assertThat(times).isEqualTo(FireTimes.next(daily(trigger.getCronExpression(), zone), from, 7));
            }
        }

        List<ZoneOffsetTransition> newYorkChanges = nextTwoClockChanges(NEW_YORK);
        LocalDate springForward = newYorkChanges.stream().filter(ZoneOffsetTransition::isGap).findFirst().orElseThrow()
                .getDateTimeBefore().toLocalDate();
        assertThat(fireTimes(trigger(scheduler, "new-york-half-past-two"), springForward.minusDays(2).atStartOfDay(NEW_YORK).toInstant(), 3))
                .as("no firing on the day without 02:30")
                .extracting(ZonedDateTime::toLocalDateTime)
                .containsExactly(springForward.minusDays(2).atTime(2, 30), springForward.minusDays(1).atTime(2, 30),
                        springForward.plusDays(1).atTime(2, 30));
        ZoneOffsetTransition fallBack = newYorkChanges.stream().filter(ZoneOffsetTransition::isOverlap).findFirst().orElseThrow();
        LocalDate fallBackDay = fallBack.getDateTimeBefore().toLocalDate();
        List<ZonedDateTime> halfPastOne = fireTimes(trigger(scheduler, "new-york-half-past-one"),
                fallBackDay.minusDays(1).atStartOfDay(NEW_YORK).toInstant(), 3);
        assertThat(halfPastOne).as("one firing on the night with two 01:30s").extracting(ZonedDateTime::toLocalDateTime)
                .containsExactly(fallBackDay.minusDays(1).atTime(1, 30), fallBackDay.atTime(1, 30), fallBackDay.plusDays(1).atTime(1, 30));
        assertThat(halfPastOne.get(1).getOffset()).as("the second 01:30, in standard time").isEqualTo(fallBack.getOffsetAfter());
    }

    private static void assertOncePerLocalDayAtNine(List<ZonedDateTime> times, ZoneId zone, LocalDate firstDay) {
        assertThat(times).extracting(ZonedDateTime::toLocalDate)
                .containsExactly(firstDay.datesUntil(firstDay.plusDays(7)).toArray(LocalDate[]::new));
        assertThat(times).extracting(ZonedDateTime::toLocalTime).containsOnly(LocalTime.of(9, 0));
        assertThat(times).extracting(ZonedDateTime::getZone).containsOnly(zone);
        // the day of the change is 23 or 25 hours long, so the wall clock stays put and the interval moves
        Duration intoChangeDay = Duration.between(times.get(2), times.get(3));
        assertThat(intoChangeDay).isIn(Duration.ofHours(23), Duration.ofHours(25));
    }

    private static CronTrigger trigger(Scheduler scheduler, String schedule) throws Exception {
        return (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(schedule, ScheduleRoutes.TRIGGER_GROUP));
    }

    /** The next {@code count} fire times of the running trigger after {@code after}, in its zone. */
    private static List<ZonedDateTime> fireTimes(CronTrigger trigger, Instant after, int count) {
        List<ZonedDateTime> times = new ArrayList<>();
        Date time = Date.from(after);
        for (int i = 0; i < count; i++) {
            time = trigger.getFireTimeAfter(time);
            times.add(time.toInstant().atZone(trigger.getTimeZone().toZoneId()));
        }
        return times;
    }

    private static List<ZoneOffsetTransition> nextTwoClockChanges(ZoneId zone) {
        ZoneOffsetTransition first = zone.getRules().nextTransition(Instant.now().plus(Duration.ofDays(7)));
        return List.of(first, zone.getRules().nextTransition(first.getInstant()));
    }

    private static String entry(String name, String cron, ZoneId zone) {
        return """
                  - name: %s
                    cron: "%s"
                    timezone: %s
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """.formatted(name, cron, zone.getId());
    }

    private static Schedule daily(String cron, ZoneId zone) {
        return new Schedule("daily", cron, zone, Misfire.FIRE_ONCE, true, Duration.ZERO,
                JsonNodeFactory.instance.objectNode());
    }
}
