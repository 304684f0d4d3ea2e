package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A name dropped again (a daily tasks.jsonl) gets a receipt and an archive copy of its own; nothing is overwritten. */
class SameNameDroppedAgainTest {

    private static final String LINE = "{\"serials\": [\"s%d\"], \"script_name\": \"account_warmup\", \"script_config\": {}}\n";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void eachDropKeepsItsOwnReceiptAndArchiveCopy() {
        bridge.start();
        String monday = LINE.formatted(1);
        String tuesday = LINE.formatted(2) + LINE.formatted(3);
        Path archive = bridge.dir("archive").resolve(LocalDate.now().toString());

        bridge.drop("tasks.jsonl", monday);
        assertThat(bridge.awaitReceipt("tasks.jsonl").path("summary").path("submitted").asInt()).isEqualTo(1);
        bridge.drop("tasks.jsonl", tuesday);

        assertThat(bridge.awaitReceipt("tasks.2.jsonl").path("summary").path("submitted").asInt()).isEqualTo(2);
        assertThat(bridge.awaitReceipt("tasks.2.jsonl").path("file").asText()).isEqualTo("tasks.jsonl");
        assertThat(bridge.awaitReceipt("tasks.jsonl").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(archive.resolve("tasks.jsonl")).hasContent(monday);
        assertThat(archive.resolve("tasks.2.jsonl")).hasContent(tuesday);
    }
}
