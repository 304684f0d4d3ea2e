package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A descriptor over bridge.inbox.max-descriptor-size, or with a text field over bridge.inbox.max-field-length,
 * is a 40001 dead letter naming file, position and limit; the descriptors after it are read as usual.
 */
class DescriptorLimitsTest {

    private static final String SMALL = "{\"script_name\":\"post\",\"serials\":[\"s1\"]}";

    @TempDir
    Path dir;

    @Test
    void aHugeArrayElementIsRejectedWithoutBeingLoaded() throws Exception {
        Path file = dir.resolve("huge.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("[" + SMALL + ", {\"script_name\":\"post\",\"script_config\":{\"material_list\":[\"m\"");
            for (int i = 0; i < 2_800_000; i++) {
                out.write(",\"m" + i + "\"");
            }
            out.write("]}}, " + SMALL + "]");
        }

        List<Descriptor> all = read(file, InboxLimits.DEFAULTS);

        assertThat(all).extracting(d -> d.source().position()).containsExactly(0L, 1L, 2L);
        assertThat(all.get(0).problem()).isNull();
        assertThat(all.get(1).problem().code()).isEqualTo("40001");
        assertThat(all.get(1).problem().reason()).startsWith("huge.json item 2: descriptor of ")
                .endsWith(" bytes, more than bridge.inbox.max-descriptor-size (1048576)");
        assertThat(all.get(2).problem()).isNull();
    }

    @Test
    void aLongJsonLineIsRejectedAndTheNextLineRead() throws Exception {
        Path file = InboxFiles.write(dir, "long.jsonl",
                SMALL + "\n{\"script_name\":\"post\",\"captions\":\"" + "x".repeat(5000) + "\"}\n" + SMALL + "\n");

        List<Descriptor> all = read(file, new InboxLimits(1000, 100));

        assertThat(all).extracting(d -> d.source().position()).containsExactly(1L, 2L, 3L);
        assertThat(all.get(1).problem().reason())
                .isEqualTo("long.jsonl line 2: descriptor of 5036 bytes, more than bridge.inbox.max-descriptor-size (1000)");
        assertThat(all.get(2).body().get("script_name").asText()).isEqualTo("post");
    }

    @Test
    void aLongTextFieldIsRejectedNamingTheField() throws Exception {
        Path file = InboxFiles.write(dir, "caption.json",
                "[{\"script_name\":\"post\",\"script_config\":{\"material_list\":[\"a\",\"" + "y".repeat(101) + "\"]}}]");

        Descriptor d = read(file, new InboxLimits(1000, 100)).get(0);

        assertThat(d.problem().code()).isEqualTo("40001");
        assertThat(d.problem().reason()).isEqualTo("caption.json item 1: field script_config.material_list[1] is 101 characters,"
                + " more than bridge.inbox.max-field-length (100)");
        assertThat(d.body().at("/script_config/material_list/0").asText()).isEqualTo("a");
    }

    @Test
    void aLongCsvCellIsRejectedNamingTheRow() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "serials,script_name,captions\ns1,post," + "z".repeat(101) + "\ns2,post,ok\n");

        List<Descriptor> all = read(file, new InboxLimits(1000, 100));

        assertThat(all.get(0).problem().reason()).startsWith("rows.csv row 2: field ").contains("is 101 characters");
        assertThat(all.get(1).problem()).isNull();
    }

    private static List<Descriptor> read(Path file, InboxLimits limits) throws IOException, UnreadableFileException {
        List<Descriptor> all = new ArrayList<>();
        try (DescriptorReader reader = DescriptorReaders.open(file, new FileInspector().inspect(file), InboxFiles.TYPES, limits)) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }
}
