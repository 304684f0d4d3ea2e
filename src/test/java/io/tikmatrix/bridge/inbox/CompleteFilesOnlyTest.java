package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A file is read only once it is completely written: its size and mtime hold still, or its marker file exists. */
class CompleteFilesOnlyTest {

    private static final String LINE = "{\"serials\": [\"s%d\"], \"script_name\": \"account_warmup\", \"script_config\": {}}\n";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aFileStillGrowingIsLeftUntilItHoldsStill() throws Exception {
        bridge.with("bridge.inbox.stable-for", "700ms").start();
        Path file = Files.createDirectories(bridge.dir("inbox")).resolve("slow-writer.jsonl");

        try (Writer out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 12; i++) {
                out.write(LINE.formatted(i));
                out.flush();
                // the writer pauses, well within stable-for: the growing file must be left alone meanwhile
                await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1))
                        .until(() -> bridge.simulator().requestCount("POST", "/task") == 0);
            }
        }

        assertThat(bridge.awaitReceipt("slow-writer.jsonl").path("summary").path("submitted").asInt()).isEqualTo(12);
    }

    @Test
    void withADoneMarkerConfiguredAFileWaitsForItsMarker() throws Exception {
        bridge.with("bridge.inbox.done-file-name", "${file:name}.done").start();
        bridge.drop("marked.jsonl", LINE.formatted(1));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(bridge.dir("inbox/marked.jsonl")).exists();
            assertThat(bridge.simulator().requestCount("POST", "/task")).isZero();
        });

        Files.writeString(bridge.dir("inbox/marked.jsonl.done"), "");

        assertThat(bridge.awaitReceipt("marked.jsonl").path("summary").path("submitted").asInt()).isEqualTo(1);
    }
}
