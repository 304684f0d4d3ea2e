package io.tikmatrix.bridge.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code file:} URI the bridge writes records to gets a temporary name while it writes and a small buffer; what
 * the operator set stays.
 */
class CamelUrisTest {

    @Test
    void aFileIsWrittenUnderATemporaryNameThroughASmallBuffer() {
        assertThat(CamelUris.writtenWhole("file:data/events")).isEqualTo("file:data/events?tempPrefix=.writing-&bufferSize=8192");
    }

    @Test
    void theOperatorsOwnOptionsStay() {
        assertThat(CamelUris.writtenWhole("file:data/events?bufferSize=65536&tempPrefix=tmp-"))
                .isEqualTo("file:data/events?bufferSize=65536&tempPrefix=tmp-");
    }

    @Test
    void otherUrisAreLeftAsTheyAre() {
        assertThat(CamelUris.writtenWhole("seda:events")).isEqualTo("seda:events");
    }
}
