package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The files in examples/ are what a new user copies first: every descriptor in them must go through. */
class ExamplesTest {

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"post-and-warmup.json", "engagement.jsonl", "mixed.csv"})
    void everyExampleDescriptorIsSubmitted(String example) throws Exception {
        bridge.drop(example, Files.readAllBytes(Path.of("examples", example)));

        JsonNode receipt = bridge.awaitReceipt(example);

        assertThat(receipt.path("summary").path("dead_lettered").asInt()).as(receipt.toPrettyString()).isZero();
        assertThat(receipt.path("summary").path("submitted").asInt()).isPositive();
    }
}
