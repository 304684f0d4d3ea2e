package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /api/intake/pause and resume (README, "Operating it"): a paused bridge leaves new files in the inbox. */
class IntakePauseApiTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void pausedIntakeLeavesFilesInTheInboxUntilResumed() throws Exception {
        AdminClient admin = new AdminClient(bridge.startWithAdminPort());
        AdminClient.Answer paused = admin.post("/api/intake/pause", "{}", "Content-Type", "application/json");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("open").asBoolean()).isFalse();
        assertThat(paused.json().path("paused").asBoolean()).isTrue();

        bridge.drop("while-paused.json", WARMUP.formatted("p1"));
        // many inbox polls pass (every 20 ms) and the file is not taken
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.exists(bridge.dir("inbox").resolve("while-paused.json")));
        assertThat(bridge.dir("receipts").resolve("while-paused.json.receipt.json")).doesNotExist();

        assertThat(admin.post("/api/intake/resume", "").json().path("open").asBoolean()).isTrue();

        assertThat(bridge.awaitReceipt("while-paused.json").path("descriptors").get(0).path("outcome").asText()).isEqualTo("submitted");
    }
}
