package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {

    @TempDir
    Path dir;

    /** Each row: one CSV file of a header and one record, and the descriptor body the record becomes. */
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("columns map to top-level fields and script_config, typed by the schema",
                        " script_name , serials ,enable_multi_account,start_time,upload_wait_time,material_list,insert_emoji,add_sound,content,\n"
                                + "post,s1| s2 ||,yes,10:30,45,a.mp4|b.mp4,TRUE,-1,hello,\n",
                        "{\"script_name\":\"post\",\"serials\":[\"s1\",\"s2\"],\"enable_multi_account\":true,\"start_time\":\"10:30\","
                                + "\"script_config\":{\"upload_wait_time\":45,\"material_list\":[\"a.mp4\",\"b.mp4\"],\"insert_emoji\":true,"
                                + "\"add_sound\":\"-1\",\"content\":\"hello\"}}"),
                Arguments.of("empty cells are left out",
                        "script_name,usernames,upload_wait_time,content\npost,@a|@b,,\n",
                        "{\"script_name\":\"post\",\"usernames\":[\"@a\",\"@b\"]}"),
                Arguments.of("a script_config column holds a JSON object that other columns join",
                        "script_name;script_config;target_users\nfollow;\"{\"\"access_method\"\":\"\"direct\"\"}\";u1|u2\n",
                        "{\"script_name\":\"follow\",\"script_config\":{\"access_method\":\"direct\",\"target_users\":[\"u1\",\"u2\"]}}"),
                Arguments.of("semicolons delimit, and a byte-order mark is ignored",
                        "\uFEFFscript_name;serials;content\npost;s1;a,b,c\n",
                        "{\"script_name\":\"post\",\"serials\":[\"s1\"],\"script_config\":{\"content\":\"a,b,c\"}}"),
                Arguments.of("Devanagari and emoji are preserved",
                        "script_name,serials,content\npost,s1,नमस्ते दुनिया 🔥🎉\n",
                        "{\"script_name\":\"post\",\"serials\":[\"s1\"],\"script_config\":{\"content\":\"नमस्ते दुनिया 🔥🎉\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aRecordBecomesItsDescriptor(String rule, String csv, String body) throws Exception {
        Descriptor d = InboxFiles.readAll(InboxFiles.write(dir, "rows.csv", csv)).get(0);

        assertThat(d.problem()).isNull();
        assertThat(d.source()).isEqualTo(Source.file("rows.csv", 2));
        assertThat(d.body().toString()).isEqualTo(body);
    }

    @Test
    void quotedDelimitersAndNewlinesStayInTheFieldAndDoNotShiftRowNumbers() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,serials,content\n"
                + "post,s1,\"first, line\nsecond line\"\n"
                + "post,s2,plain\n");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all.get(0).body().at("/script_config/content").asText()).isEqualTo("first, line\nsecond line");
        assertThat(all.get(1).source().position()).isEqualTo(3L);
        assertThat(all.get(1).body().at("/serials/0").asText()).isEqualTo("s2");
    }

    @Test
    void devanagariAndEmojiArePreserved() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,serials,content\npost,s1,नमस्ते दुनिया 🔥🎉\n");

        Descriptor d = InboxFiles.readAll(file).get(0);

        assertThat(d.body().at("/script_config/content").asText()).isEqualTo("नमस्ते दुनिया 🔥🎉");
    }

    @Test
    void aCellThatDoesNotConvertMakesItsRowUnparsableAndTheNextRowsGoOn() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,serials,upload_wait_time,insert_emoji\n"
                + "post,s1,abc,true\n"
                + "post,s2,10,maybe\n"
                + "post,s3,10\n"
                + "post,s4,10,no\n");
        Inspection inspection = new FileInspector().inspect(file);

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).extracting(d -> d.problem() == null ? null : d.problem().reason()).containsExactly(
                "rows.csv row 2: field upload_wait_time: 'abc' is not an integer",
                "rows.csv row 3: field insert_emoji: 'maybe' is not a boolean (true/false, 1/0, yes/no)",
                "rows.csv row 4: 3 cells where the header has 4",
                null);
        assertThat(all.get(0).problem().code()).isEqualTo("40001");
        assertThat(all.get(0).key()).isEqualTo("rows.csv@sha256:" + inspection.sha256() + "#2");
        // the row is kept, the cell as written, so its dead-letter record can be fixed and replayed
        assertThat(all.get(0).body().toString()).isEqualTo(
                "{\"script_name\":\"post\",\"serials\":[\"s1\"],\"script_config\":{\"upload_wait_time\":\"abc\",\"insert_emoji\":true}}");
        assertThat(all.get(2).body()).isNull();
        assertThat(all.get(3).body().at("/script_config/insert_emoji").asBoolean()).isFalse();
    }

    @Test
    void aScriptConfigCellThatIsNoObjectIsARowError() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,script_config\npost,[1]\n");

        assertThat(InboxFiles.readAll(file).get(0).problem().reason())
                .isEqualTo("rows.csv row 2: field script_config: '[1]' is not a JSON object");
    }

    @Test
    void idColumnIsTheKeyOtherwiseNameShaAndRow() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "id,script_name,serials\nmine-1,post,s1\n,post,s2\n");
        Inspection inspection = new FileInspector().inspect(file);

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).extracting(Descriptor::key)
                .containsExactly("mine-1", "rows.csv@sha256:" + inspection.sha256() + "#3");
    }

    @Test
    void blankRecordsAreSkippedButCounted() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,serials\n,\n\npost,s1\n");

        List<Descriptor> all = InboxFiles.readAll(file);

        assertThat(all).singleElement().satisfies(d -> assertThat(d.source().position()).isEqualTo(4L));
    }
}
