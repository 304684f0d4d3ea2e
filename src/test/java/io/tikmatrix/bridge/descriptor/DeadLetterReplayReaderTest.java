package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterReplayReaderTest {

    private static final String DESCRIPTOR = "{\"script_name\":\"post\",\"serials\":[\"s1\"]}";

    @TempDir
    Path dir;

    @Test
    void replaysTheDescriptorUnderItsOriginalKeyAndSource() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json.40001.json", "{\"descriptor\":" + DESCRIPTOR
                + ",\"source\":{\"file\":\"orders.json\",\"position\":3},\"key\":\"orders.json@sha256:abc#3\","
                + "\"code\":\"40001\",\"http_status\":200,\"reason\":\"bad\",\"attempts\":1}");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).singleElement().satisfies(d -> {
            assertThat(d.body().toString()).isEqualTo(DESCRIPTOR);
            assertThat(d.key()).isEqualTo("orders.json@sha256:abc#3");
            assertThat(d.source()).isEqualTo(Source.file("orders.json", 3));
            assertThat(d.problem()).isNull();
        });
    }

    @Test
    void withoutASourceTheReplayFileIsTheSource() throws Exception {
        Path file = InboxFiles.write(dir, "replay.json",
                "{\"descriptor\":" + DESCRIPTOR + ",\"key\":\"schedule:daily@2026-01-01T09:00\",\"code\":\"unreachable\"}");

        Descriptor d = InboxFiles.readAll(file).get(0);

        assertThat(d.source()).isEqualTo(Source.file("replay.json", 0));
        assertThat(d.key()).isEqualTo("schedule:daily@2026-01-01T09:00");
    }

    @Test
    void replayingTwiceGivesTheSameKey() throws Exception {
        String record = "{\"descriptor\":" + DESCRIPTOR + ",\"key\":\"k-1\",\"code\":\"50001\"}";

        Descriptor first = InboxFiles.readAll(InboxFiles.write(dir, "a.json", record)).get(0);
        Descriptor second = InboxFiles.readAll(InboxFiles.write(dir, "b.json", record)).get(0);

        assertThat(second.key()).isEqualTo(first.key()).isEqualTo("k-1");
    }

    @Test
    void recognisesOnlyObjectsWithDescriptorKeyAndCode() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(DescriptorReaders.isDeadLetterRecord(json.readTree("{\"descriptor\":{},\"key\":\"k\",\"code\":\"40001\"}"))).isTrue();
        assertThat(DescriptorReaders.isDeadLetterRecord(json.readTree("{\"descriptor\":{},\"key\":\"k\"}"))).isFalse();
        assertThat(DescriptorReaders.isDeadLetterRecord(json.readTree("{\"descriptor\":\"x\",\"key\":\"k\",\"code\":1}"))).isFalse();
        assertThat(DescriptorReaders.isDeadLetterRecord(json.readTree("[{\"descriptor\":{},\"key\":\"k\",\"code\":1}]"))).isFalse();
        assertThat(DescriptorReaders.isDeadLetterRecord(null)).isFalse();
    }

    @Test
    void anOrdinaryDescriptorWithADescriptorFieldIsNotARecord() throws Exception {
        Path file = InboxFiles.write(dir, "one.json", "{\"script_name\":\"post\",\"descriptor\":{},\"key\":\"k\"}");

        Descriptor d = InboxFiles.readAll(file).get(0);

        assertThat(d.key()).startsWith("one.json@sha256:");
        assertThat(d.body().get("script_name").asText()).isEqualTo("post");
    }
}
