package io.tikmatrix.bridge.metrics;

import io.tikmatrix.bridge.simulator.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's "descriptors in the last minute": what happened in the last 60 seconds, and nothing older. */
class LastMinuteTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T06:00:00.500Z"));
    private final LastMinute lastMinute = new LastMinute(clock);

    @Test
    void countsTheLastSixtySecondsOnly() {
        lastMinute.mark();
        lastMinute.mark();
        clock.advance(Duration.ofSeconds(30));
        lastMinute.mark();

        assertThat(lastMinute.count()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(30));
        assertThat(lastMinute.count()).as("the first two are a minute old").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(lastMinute.count()).isZero();
    }

    @Test
    void aSlotOfAnEarlierMinuteStartsAgainFromZero() {
        lastMinute.mark();
        clock.advance(Duration.ofSeconds(60));
        lastMinute.mark();

        assertThat(lastMinute.count()).isEqualTo(1);
    }
}
