package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {

    @TempDir
    Path dir;

    @Test
    void linesArePositionedByLineNumberAndBlankLinesAreSkipped() throws Exception {
        Path file = InboxFiles.write(dir, "events.jsonl",
                "{\"script_name\":\"post\"}\n\n   \n{\"script_name\":\"follow\"}\r\n");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).extracting(d -> d.source().position()).containsExactly(1L, 4L);
        assertThat(all.get(1).body().get("script_name").asText()).isEqualTo("follow");
    }

    @Test
    void aBadLineIsUnparsableAndTheNextLinesGoOn() throws Exception {
        Path file = InboxFiles.write(dir, "events.jsonl",
                "{\"script_name\":\"post\"}\nnot json\n[1]\n{\"a\":1} trailing\n{\"script_name\":\"follow\"}\n");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).hasSize(5);
        assertThat(all.get(1).problem().code()).isEqualTo("40001");
        assertThat(all.get(1).problem().reason())
                .startsWith("events.jsonl line 2: not a JSON object (Unrecognized token 'not'");
        assertThat(all.get(2).problem().reason()).isEqualTo("events.jsonl line 3: not a JSON object (found array)");
        assertThat(all.get(3).problem().reason()).startsWith("events.jsonl line 4: not a JSON object (");
        assertThat(all.get(4).body().get("script_name").asText()).isEqualTo("follow");
        assertThat(all.get(4).source().position()).isEqualTo(5L);
    }

    @Test
    void devanagariAndEmojiArePreserved() throws Exception {
        Path file = InboxFiles.write(dir, "hi.ndjson", "{\"script_config\":{\"content\":\"नमस्ते दुनिया\",\"tag\":\"🔥🎉\"}}\n");

        Descriptor d = InboxFiles.readAll(file).get(0);

        assertThat(d.body().at("/script_config/content").asText()).isEqualTo("नमस्ते दुनिया");
        assertThat(d.body().at("/script_config/tag").asText()).isEqualTo("🔥🎉");
    }

    @Test
    void streamsALargeFileFromDisk() throws Exception {
        int lines = 200_000;
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"script_name\":\"post\",\"serials\":[\"s" + i + "\"],\"script_config\":{\"content\":\"🔥 " + i + "\"}}\n");
            }
        }
        Inspection inspection = new FileInspector().inspect(file);

        long count = 0;
        long bad = 0;
        try (DescriptorReader reader = DescriptorReaders.open(file, inspection, InboxFiles.TYPES, InboxLimits.DEFAULTS)) {
            while (reader.hasNext()) {
                bad += reader.next().problem() == null ? 0 : 1;
                count++;
            }
        }

        assertThat(count).isEqualTo(lines);
        assertThat(bad).isZero();
    }
}
