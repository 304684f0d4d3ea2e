package io.tikmatrix.bridge.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class FireKeyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void isScheduleNameAtFireTimeWithOffsetToTheSecond() {
        ZonedDateTime nineAm = ZonedDateTime.of(2026, 3, 8, 9, 0, 0, 0, NEW_YORK);

        assertThat(FireTimes.fireKey("morning-warmup", nineAm))
                .isEqualTo("schedule:morning-warmup@2026-03-08T09:00:00-04:00");
    }

    @Test
    void dropsFractionsOfASecond() {
        ZonedDateTime late = ZonedDateTime.of(2026, 11, 29, 9, 0, 0, 123_000_000, ZoneId.of("Asia/Kolkata"));

        assertThat(FireTimes.fireKey("morning-warmup", late))
                .isEqualTo("schedule:morning-warmup@2026-11-29T09:00:00+05:30");
    }

    @Test
    void writesTheOffsetOfTheZoneTheFireTimeIsIn() {
        ZonedDateTime local = ZonedDateTime.of(2026, 3, 8, 9, 0, 0, 0, NEW_YORK);
        // FireTimes.next answers in the schedule's zone, so every firing of a schedule is spelled alike
        assertThat(FireTimes.fireKey("s", local.withZoneSameInstant(ZoneOffset.UTC)))
                .isEqualTo("schedule:s@2026-03-08T13:00:00Z");
    }

    @Test
    void keepsTheTwoHalfPastOnesOfAFallBackNightApart() {
        LocalDateTime halfPastOne = LocalDateTime.of(2026, 11, 1, 1, 30);
        ZonedDateTime first = ZonedDateTime.ofLocal(halfPastOne, NEW_YORK, ZoneOffset.ofHours(-4));
        ZonedDateTime second = first.withLaterOffsetAtOverlap();

        assertThat(FireTimes.fireKey("s", first)).isEqualTo("schedule:s@2026-11-01T01:30:00-04:00");
        assertThat(FireTimes.fireKey("s", second)).isEqualTo("schedule:s@2026-11-01T01:30:00-05:00");
    }
}
