package io.tikmatrix.bridge.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorSettingsTest {

    @Test
    void defaultsKeepTasksPendingTwoSecondsAndRunningThreeWithoutFailures() {
        SimulatorSettings defaults = SimulatorSettings.defaults();

        assertThat(defaults.pendingFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.runningFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.failureRatio()).isZero();
    }

    @Test
    void defaultsServeTheDocumentedMaximumPageWithFullTaskObjects() {
        SimulatorSettings defaults = SimulatorSettings.defaults();

        assertThat(defaults.maxPageSize()).isEqualTo(100);
        assertThat(defaults.minimalTaskObjects()).isFalse();
    }

    @Test
    void refusesAPageCapBelowOne() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withMaxPageSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPageSize");
    }

    @Test
    void refusesARatioOutsideZeroToOneAndNegativeDurations() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withFailureRatio(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRatio");
        assertThatThrownBy(() -> SimulatorSettings.defaults().withPendingFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pendingFor");
    }

    @Test
    void manualClockMovesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(clock.get()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    }
}
