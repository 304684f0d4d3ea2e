package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Once taken, a file is read from a private copy: cutting the original while its descriptors are being
 * submitted changes nothing, every line is submitted and the archive keeps the bytes that were read.
 */
class PrivateCopyTest {

    /** As reproduced, with 2,000 lines cut after 975, scaled down to keep the test short. */
    private static final int LINES = 400;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void cuttingTheOriginalWhileItIsSubmittedLosesNothing() throws Exception {
        bridge.start();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            text.append("{\"serials\": [\"s").append(i).append("\"], \"script_name\": \"account_warmup\", \"script_config\": {}}\n");
        }
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        Path original = bridge.drop("cut.jsonl", content);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> bridge.submittedKeys("cut.jsonl@").size() >= 10);
        assertThat(bridge.dir("receipts").resolve("cut.jsonl.receipt.json"))
                .as("the file must still be being submitted when it is cut").doesNotExist();
        try (FileChannel cut = FileChannel.open(original, StandardOpenOption.WRITE)) {
            cut.truncate(content.length * 195L / LINES);
        }

        Path finished = bridge.dir("receipts").resolve("cut.jsonl.receipt.json");
        // the receipt is written before the copy is archived and the original deleted
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(finished) && !Files.exists(original));
        JsonNode receipt = BridgeHarness.read(finished);
        assertThat(receipt.path("summary").path("submitted").asInt()).isEqualTo(LINES);
        assertThat(receipt.path("summary").path("dead_lettered").asInt()).isZero();
        assertThat(bridge.dir("archive").resolve(LocalDate.now().toString()).resolve("cut.jsonl")).hasBinaryContent(content);
    }
}
