package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReaderTest {

    @TempDir
    Path dir;

    @Test
    void oneObjectIsPositionZero() throws Exception {
        Path file = InboxFiles.write(dir, "one.json", "{\"script_name\":\"post\",\"serials\":[\"s1\"]}");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).singleElement().satisfies(d -> {
            assertThat(d.body().get("script_name").asText()).isEqualTo("post");
            assertThat(d.source()).isEqualTo(Source.file("one.json", 0));
            assertThat(d.problem()).isNull();
        });
    }

    @Test
    void arrayElementsArePositionedByIndexAndABadElementDoesNotStopTheOthers() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json",
                "[{\"script_name\":\"post\"}, [1, 2], {\"script_name\":\"follow\"}]");
        Inspection inspection = new FileInspector().inspect(file);

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).extracting(d -> d.source().position()).containsExactly(0L, 1L, 2L);
        assertThat(all.get(0).body().get("script_name").asText()).isEqualTo("post");
        assertThat(all.get(2).body().get("script_name").asText()).isEqualTo("follow");
        Descriptor bad = all.get(1);
        assertThat(bad.body()).isNull();
        assertThat(bad.problem().code()).isEqualTo("40001");
        assertThat(bad.problem().reason()).isEqualTo("orders.json item 2: not a JSON object (found array)");
        assertThat(bad.key()).isEqualTo("orders.json@sha256:" + inspection.sha256() + "#1");
    }

    @Test
    void unicodeAndEmojiPassThroughExactly() throws Exception {
        Path file = InboxFiles.write(dir, "hi.json",
                "{\"script_name\":\"post\",\"script_config\":{\"content\":\"नमस्ते दुनिया 🔥🎉\"}}");

        Descriptor d = InboxFiles.readAll(file).get(0);

        assertThat(d.body().at("/script_config/content").asText()).isEqualTo("नमस्ते दुनिया 🔥🎉");
    }

    @Test
    void theUsersIdIsTheKey() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "[{\"id\":\"order-17\",\"script_name\":\"post\"},{\"script_name\":\"post\"}]");
        Inspection inspection = new FileInspector().inspect(file);

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).extracting(Descriptor::key)
                .containsExactly("order-17", "orders.json@sha256:" + inspection.sha256() + "#1");
    }

    @Test
    void identicalBytesGiveIdenticalKeys() throws Exception {
        String content = "[{\"script_name\":\"post\"},{\"script_name\":\"follow\"}]";
        List<Descriptor> first = InboxFiles.readAll(InboxFiles.write(dir, "orders.json", content));
        List<Descriptor> again = InboxFiles.readAll(InboxFiles.write(dir, "orders.json", content));
        List<Descriptor> changed = InboxFiles.readAll(InboxFiles.write(dir, "orders.json", content + "\n"));

        assertThat(again).extracting(Descriptor::key).isEqualTo(first.stream().map(Descriptor::key).toList());
        assertThat(changed.get(0).key()).isNotEqualTo(first.get(0).key());
    }

    @Test
    void aByteOrderMarkIsIgnored() throws Exception {
        byte[] withBom = InboxFiles.withByteOrderMark("[{\"script_name\":\"post\"}]");

        assertThat(InboxFiles.readAll(InboxFiles.write(dir, "bom.json", withBom))).hasSize(1);
    }
}
