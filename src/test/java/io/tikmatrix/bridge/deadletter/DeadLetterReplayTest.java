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

    /** A cell that did not convert keeps its row, the cell as written: the user fixes the cell and drops the record. */
    @Test
    void aRowWithACellThatDidNotConvertIsKeptAndReplayedUnderItsId() throws Exception {
        bridge.drop("sheet.csv", "ID;Serials;Script_Name;material_list;upload_wait_time\n"
                + "sheet-1;s1;post;C:/Videos/a.mp4;soon\n");
        JsonNode record = bridge.awaitDeadLetters("40001", 1).get(0);
        assertThat(record.path("reason").asText())
                .isEqualTo("sheet.csv row 2: field upload_wait_time: 'soon' is not an integer");
        assertThat(record.path("key").asText()).isEqualTo("sheet-1");
        assertThat(record.path("descriptor").toString()).isEqualTo("{\"id\":\"sheet-1\",\"serials\":[\"s1\"],"
                + "\"script_name\":\"post\",\"script_config\":{\"material_list\":[\"C:/Videos/a.mp4\"],\"upload_wait_time\":\"soon\"}}");

        ObjectNode fixed = record.deepCopy();
        ((ObjectNode) fixed.path("descriptor").path("script_config")).put("upload_wait_time", 45);
        bridge.drop("sheet-fixed.json", BridgeHarness.JSON.writeValueAsString(fixed));

        JsonNode line = bridge.awaitReceipt("sheet-fixed.json").path("descriptors").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("key").asText()).isEqualTo("sheet-1");
        assertThat(bridge.simulator().receivedTaskBodies().get(0).path("script_config").path("upload_wait_time").asInt()).isEqualTo(45);
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
