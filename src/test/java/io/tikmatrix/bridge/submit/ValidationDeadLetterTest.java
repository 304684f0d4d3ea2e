package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A descriptor that fails validation is dead-lettered under the code the API would answer, with no API call. */
class ValidationDeadLetterTest {

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    /** The same mixed file, dropped by each test under a name of its own. */
    private String file;

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @BeforeEach
    void dropTheMixedFile(TestInfo test) {
        file = test.getTestMethod().orElseThrow().getName() + ".jsonl";
        bridge.drop(file, String.join("\n",
                "{\"serials\": [\"s1\"], \"script_config\": {}}",
                "{\"serials\": [\"s1\"], \"script_name\": \"like\", \"script_config\": {}}",
                "{\"serials\": [\"s1\"], \"script_name\": \"comment\", \"script_config\": {\"target_post_url\": \"https://vm.tiktok.com/x/\"}}",
                "{\"script_name\": \"follow\", \"script_config\": {\"target_user\": \"@x\"}}",
                "{\"serials\": [\"s1\"], \"script_name\": \"post\", \"script_config\": {\"material_source\": \"localFolder\"}}",
                "{\"serials\": [\"s1\"], \"script_name\": \"post\", \"script_config\": {\"upload_wait_time\": \"soon\"}}",
                "{not json",
                "{\"serials\": [\"s1\"], \"script_name\": \"follow\", \"script_config\": {\"target_users\": [\"@ok\"]}}"));
    }

    @Test
    void oneBadLineNeverStopsTheGoodOnes() {
        JsonNode receipt = bridge.awaitReceipt(file);

        assertThat(receipt.path("summary").path("dead_lettered").asInt()).isEqualTo(7);
        assertThat(receipt.path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
    }

    @Test
    void missingScriptNameIs40002() {
        bridge.awaitReceipt(file);

        JsonNode record = bridge.deadLetters("40002").get(0);
        assertThat(record.path("code").asText()).isEqualTo("40002");
        assertThat(record.path("reason").asText()).startsWith(file + " line 1: script_name");
        assertThat(record.path("source").path("file").asText()).isEqualTo(file);
        assertThat(record.path("source").path("position").asInt()).isEqualTo(1);
        assertThat(record.path("attempts").asInt()).isZero();
    }

    @Test
    void aScriptTheApiDoesNotTakeIs40003() {
        bridge.awaitReceipt(file);

        assertThat(bridge.deadLetters("40003")).singleElement()
                .satisfies(r -> assertThat(r.path("reason").asText()).contains("'like'"));
    }

    @Test
    void everythingElseIs40001AndNamesTheField() {
        bridge.awaitReceipt(file);

        assertThat(bridge.deadLetters("40001")).extracting(r -> r.path("reason").asText())
                .hasSize(5)
                .anySatisfy(reason -> assertThat(reason).startsWith(file + " line 3: ").contains("script_config.comment_content"))
                .anySatisfy(reason -> assertThat(reason).startsWith(file + " line 4: ").contains("serials/usernames"))
                .anySatisfy(reason -> assertThat(reason).startsWith(file + " line 5: ").contains("script_config.material_path"))
                .anySatisfy(reason -> assertThat(reason).startsWith(file + " line 6: ").contains("script_config.upload_wait_time"))
                .anySatisfy(reason -> assertThat(reason).startsWith(file + " line 7: not a JSON object"));
    }
}
