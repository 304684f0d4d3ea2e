package io.tikmatrix.bridge.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead-letter record dropped back into the inbox is submitted again, under its original key. */
class DeadLetterReplayTest {

    private static final String SECRET = "sk-live-0123456789";
    private static final String WARMUP_WITH_CHATGPT = """
            {"id": "warm-1", "serials": ["s1"], "script_name": "account_warmup",
             "script_config": {"task_duration": 60, "generate_by_chatgpt": true,
                               "chatgpt_settings": {"api_key": "%s", "model": "gpt-4"}}}
            """.formatted(SECRET);

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @Test
    void aReplayedRecordIsSubmittedOnceWithItsOriginalKey() throws Exception {
        bridge.simulator().faults().failAlways("POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("first.json", "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");
        JsonNode record = bridge.awaitDeadLetters("50001", 1).get(0);
        bridge.simulator().faults().clear();

        bridge.drop("replay.json", BridgeHarness.JSON.writeValueAsString(record));

        JsonNode line = bridge.awaitReceipt("replay.json").path("descriptors").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("key").asText()).isEqualTo(record.path("key").asText()).startsWith("first.json@sha256:");
        assertThat(bridge.tasks()).hasSize(1);

        bridge.drop("replay-again.json", BridgeHarness.JSON.writeValueAsString(record));
        assertThat(bridge.awaitReceipt("replay-again.json").path("descriptors").get(0).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(bridge.tasks()).hasSize(1);
    }

    @Test
    void secretsAreMaskedInTheRecordAndRestoredForTheReplay() throws Exception {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40001, 400));
        bridge.drop("warm.json", WARMUP_WITH_CHATGPT);
        JsonNode record = bridge.awaitDeadLetters("40001", 1).get(0);
        assertThat(record.path("descriptor").path("script_config").path("chatgpt_settings").path("api_key").asText()).isEqualTo("***");
        assertThat(everythingWrittenUnder(bridge.dir("deadletter"))).doesNotContain(SECRET);
        assertThat(everythingWrittenUnder(bridge.dir("receipts"))).doesNotContain(SECRET);

        ObjectNode fixed = record.deepCopy();
        ((ObjectNode) fixed.path("descriptor").path("script_config")).put("task_duration", 120);
        bridge.drop("warm-fixed.json", BridgeHarness.JSON.writeValueAsString(fixed));

        assertThat(bridge.awaitReceipt("warm-fixed.json").path("descriptors").get(0).path("outcome").asText()).isEqualTo("submitted");
        JsonNode sent = bridge.simulator().receivedTaskBodies().get(0).path("script_config");
        assertThat(sent.path("chatgpt_settings").path("api_key").asText()).isEqualTo(SECRET);
        assertThat(sent.path("task_duration").asInt()).as("the user's fix is kept").isEqualTo(120);
    }

    private static String everythingWrittenUnder(Path folder) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
