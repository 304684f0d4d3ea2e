package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fire times around the 2026 clock changes, as Quartz (and so camel-quartz) computes them. */
class DaylightSavingFireTimesTest {

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

        assertThat(times).extracting(ZonedDateTime::toLocalDate)
                .containsExactly(firstDay.datesUntil(firstDay.plusDays(7)).toArray(LocalDate[]::new));
        assertThat(times).extracting(ZonedDateTime::toLocalTime).containsOnly(LocalTime.of(9, 0));
        assertThat(times).extracting(ZonedDateTime::getZone).containsOnly(zone);
        // the day of the change is 23 or 25 hours long, so the wall clock stays put and the interval moves
        Duration intoChangeDay = Duration.between(times.get(2), times.get(3));
        assertThat(intoChangeDay).isIn(Duration.ofHours(23), Duration.ofHours(25));
    }

    @Test
    void halfPastTwoIsSkippedOnTheDayItDoesNotExist() {
        ZoneId newYork = ZoneId.of("America/New_York");

        List<ZonedDateTime> times = FireTimes.next(daily("0 30 2 * * ?", newYork),
                LocalDate.of(2026, 3, 6).atStartOfDay(newYork).toInstant(), 3);

        // Quartz neither moves the firing to 03:30 nor fires twice: 2026-03-08 simply has no firing
        assertThat(times).extracting(ZonedDateTime::toString).containsExactly(
                "2026-03-06T02:30-05:00[America/New_York]",
                "2026-03-07T02:30-05:00[America/New_York]",
                "2026-03-09T02:30-04:00[America/New_York]");
    }

    @Test
    void halfPastOneFiresOnceOnTheNightItHappensTwice() {
        ZoneId newYork = ZoneId.of("America/New_York");

        List<ZonedDateTime> times = FireTimes.next(daily("0 30 1 * * ?", newYork),
                LocalDate.of(2026, 10, 31).atStartOfDay(newYork).toInstant(), 3);

        // Quartz fires at the second 01:30 (standard time, -05:00), not at the first one (-04:00)
        assertThat(times).extracting(ZonedDateTime::toString).containsExactly(
                "2026-10-31T01:30-04:00[America/New_York]",
                "2026-11-01T01:30-05:00[America/New_York]",
                "2026-11-02T01:30-05:00[America/New_York]");
    }

    private static Schedule daily(String cron, ZoneId zone) {
        return new Schedule("daily", cron, zone, Misfire.FIRE_ONCE, true, Duration.ZERO,
                JsonNodeFactory.instance.objectNode());
    }
}
