package io.tikmatrix.bridge.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A descriptor is dead-lettered in the journal only once its record reached its destination: a record that could
 * not be written leaves the line to be settled again, never a dead letter nobody can find (the kill -9 test once
 * lost a line between the two).
 */
class RecordBeforeJournalTest {

    @TempDir
    Path elsewhere;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(DeadLetters.class);

    @Test
    void aRecordItsDestinationRefusedIsWrittenWhenTheLineIsTakenAgain() throws Exception {
        // a plain file where the records' folder should be: the destination cannot write until it is gone
        Path destination = elsewhere.resolve("unsupported");
        Files.writeString(destination, "in the way");
        bridge.with("bridge.dead-letter.40003", "file:" + destination).start();

        bridge.drop("two.jsonl", """
                {"serials": ["s1"], "script_name": "like", "script_config": {}}
                {"serials": ["s1"], "script_name": "post", "script_config": {"content_type": 0, "captions": "x", "material_list": ["C:/v.mp4"]}}
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> logs.all().contains("two.jsonl line 1: the dead-letter record could not be written"));
        assertThat(bridge.dir("receipts").resolve("two.jsonl.receipt.json")).doesNotExist();

        Files.delete(destination);
        JsonNode receipt = bridge.awaitReceipt("two.jsonl");

        try (Stream<Path> records = Files.list(destination)) {
            assertThat(records.map(BridgeHarness::read).map(r -> r.path("source").path("position").asInt()).toList())
                    .as("one record of line 1").containsExactly(1);
        }
        assertThat(receipt.path("descriptors").get(0).path("outcome").asText()).isEqualTo("dead-lettered");
        assertThat(bridge.tasks()).as("line 2, once, whichever read of the file posted it").hasSize(1);
        // events leave the outbox on their own thread, which need not have run by the time of the receipt
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> announced = bridge.events().values().stream()
                    .filter(e -> e.path("type").asText().equals("tikmatrix.descriptor.dead_lettered")).toList();
            assertThat(announced).singleElement().satisfies(e -> assertThat(e.path("data").path("code").asText()).isEqualTo("40003"));
        });
    }
}
