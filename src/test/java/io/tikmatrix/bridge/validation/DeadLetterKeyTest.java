package io.tikmatrix.bridge.validation;

import io.tikmatrix.bridge.config.BridgeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterKeyTest {

    /** config cannot import this enum (it sits below every room), so its list of destinations is kept in step here. */
    @Test
    void everyKeyHasADestinationSetting() {
        assertThat(Arrays.stream(DeadLetterKey.values()).map(DeadLetterKey::key))
                .containsExactlyElementsOf(BridgeConfig.DEAD_LETTER_KEYS);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "40001, 40001", "40002, 40002", "40003, 40003", "40401, 40401", "50001, 50001",
            "unreachable, unreachable", "ambiguous, ambiguous",
            // codes without a key of their own
            "40301, other", "40999, other", "other, other",
            // only whole files are unreadable
            "unreadable, other"})
    void aCodeIsDeadLetteredUnderItsOwnKeyOrOther(String code, String key) {
        assertThat(DeadLetterKey.ofCode(code).key()).isEqualTo(key);
    }
}
