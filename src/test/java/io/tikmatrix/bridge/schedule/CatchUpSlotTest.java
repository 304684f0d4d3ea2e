package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A firing is keyed by the cron time it stands for, also when Quartz fires it late to catch up. */
class CatchUpSlotTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static Schedule schedule(String cron) {
        return new Schedule("s", cron, KOLKATA, Misfire.FIRE_ONCE, true, Duration.ZERO, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void anOnTimeFiringIsItsOwnSlot() {
        ZonedDateTime nineAm = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, KOLKATA);

        assertThat(FireTimes.slotAtOrBefore(schedule("0 0 9 * * ?"), nineAm.toInstant())).isEqualTo(nineAm);
    }

    @Test
    void aCatchUpFiringMinutesLateIsTheMissedSlot() {
        ZonedDateTime nineAm = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, KOLKATA);
        Instant caughtUp = nineAm.plusMinutes(3).plusSeconds(12).toInstant().plusMillis(345);

        assertThat(FireTimes.slotAtOrBefore(schedule("0 0 9 * * ?"), caughtUp)).isEqualTo(nineAm);
    }

    @Test
    void afterSeveralMissedSlotsItIsTheLatestOne() {
        ZonedDateTime start = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, KOLKATA);
        Instant caughtUp = start.plusSeconds(7).toInstant().plusMillis(900);

        assertThat(FireTimes.slotAtOrBefore(schedule("*/2 * * * * ?"), caughtUp)).isEqualTo(start.plusSeconds(6));
    }

    @Test
    void aWeeklySlotIsFoundDaysBack() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 3, 2, 15, 0, 0, 0, KOLKATA);

        assertThat(FireTimes.slotAtOrBefore(schedule("0 0 15 ? * MON"), monday.plusDays(5).toInstant())).isEqualTo(monday);
    }
}
