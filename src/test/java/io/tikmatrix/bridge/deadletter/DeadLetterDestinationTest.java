package io.tikmatrix.bridge.deadletter;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** bridge.dead-letter.<key> is any Camel URI: each key's records go where the operator points it. */
class DeadLetterDestinationTest {

    @TempDir
    Path elsewhere;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aKeyPointedElsewhereWritesThereAndTheOtherKeysStayPut() throws Exception {
        bridge.with("bridge.dead-letter.40003", "file:" + elsewhere.resolve("unsupported")).start();

        bridge.drop("two.jsonl", """
                {"serials": ["s1"], "script_name": "like", "script_config": {}}
                {"serials": ["s1"], "script_config": {}}
                """);
        bridge.awaitReceipt("two.jsonl");

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.isDirectory(elsewhere.resolve("unsupported")));
        try (Stream<Path> records = Files.list(elsewhere.resolve("unsupported"))) {
            assertThat(records).singleElement().satisfies(r -> assertThat(BridgeHarness.read(r).path("code").asText()).isEqualTo("40003"));
        }
        assertThat(bridge.deadLetters("40003")).isEmpty();
        assertThat(bridge.deadLetters("40002")).hasSize(1);
    }
}
