package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Each inbox file kind becomes exactly the API calls its descriptors describe, with a receipt and an archived original. */
class InboxFileKindsTest {

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @Test
    void aJsonArraySendsEachDescriptorUnchangedButForItsId() throws Exception {
        bridge.drop("batch.json", """
                [{"id": "mine-1", "serials": ["emulator-5554"], "script_name": "post",
                  "script_config": {"content_type": 0, "captions": "नमस्ते दुनिया 🔥🎉", "material_list": ["C:/Videos/v1.mp4"]}},
                 {"usernames": ["@asha"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"], "future_option": "kept"}, "enable_multi_account": false}]
                """);

        JsonNode receipt = bridge.awaitReceipt("batch.json");

        assertThat(receipt.path("summary").path("submitted").asInt()).isEqualTo(2);
        assertThat(receipt.path("descriptors").get(0).path("key").asText()).isEqualTo("mine-1");
        assertThat(receipt.path("descriptors").get(1).path("task_ids")).hasSize(2);
        assertThat(bridge.simulator().receivedTaskBodies())
                .anySatisfy(body -> {
                    assertThat(body.has("id")).isFalse();
                    assertThat(body.path("script_config").path("captions").asText()).isEqualTo("नमस्ते दुनिया 🔥🎉");
                })
                .anySatisfy(body -> {
                    assertThat(body.path("enable_multi_account").isBoolean()).isTrue();
                    assertThat(body.path("script_config").path("future_option").asText()).as("unknown fields pass through").isEqualTo("kept");
                });
        assertThat(bridge.dir("archive").resolve(LocalDate.now().toString()).resolve("batch.json")).exists();
        assertThat(bridge.dir("inbox/batch.json")).doesNotExist();
    }

    @Test
    void jsonLinesPositionsAreLineNumbersAndBlankLinesAreSkipped() {
        bridge.drop("lines.ndjson", """
                {"serials": ["s1"], "script_name": "account_warmup", "script_config": {"task_duration": 300}}

                {"serials": ["s2"], "script_name": "unfollow", "script_config": {"target_user": "@gone"}}
                """);

        JsonNode receipt = bridge.awaitReceipt("lines.ndjson");

        assertThat(receipt.path("descriptors").findValuesAsText("position")).containsExactly("1", "3");
        assertThat(receipt.path("summary").path("submitted").asInt()).isEqualTo(2);
    }

    @Test
    void csvWithBomSemicolonsQuotedNewlinesAndTypedColumnsBecomesTypedDescriptors() throws Exception {
        String csv = "\uFEFFserials;script_name;target_post_urls;comment_content;insert_emoji;upload_wait_time\n"
                + "emulator-1|emulator-2;comment;https://www.tiktok.com/@u/video/1|https://vm.tiktok.com/x/;\"बहुत बढ़िया!\n🔥 second line; with semicolon\";true;\n";
        Files.createDirectories(bridge.dir("staging"));
        bridge.drop("rows.CSV", csv);

        JsonNode receipt = bridge.awaitReceipt("rows.CSV");

        assertThat(receipt.path("descriptors").get(0).path("position").asInt()).isEqualTo(2);
        assertThat(receipt.path("descriptors").get(0).path("task_ids")).hasSize(4);
        JsonNode body = bridge.simulator().receivedTaskBodies().get(0);
        assertThat(body.path("serials")).hasSize(2);
        assertThat(body.path("script_config").path("comment_content").asText()).isEqualTo("बहुत बढ़िया!\n🔥 second line; with semicolon");
        assertThat(body.path("script_config").path("insert_emoji").isBoolean()).isTrue();
        assertThat(body.path("script_config").path("target_post_urls")).hasSize(2);
    }

    @Test
    void otherFilesAreLeftAlone() throws Exception {
        bridge.drop("notes.txt", "not for the bridge");
        bridge.drop("one.json", "{\"serials\": [\"s\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");

        bridge.awaitReceipt("one.json");

        assertThat(bridge.dir("inbox/notes.txt")).exists();
    }
}
