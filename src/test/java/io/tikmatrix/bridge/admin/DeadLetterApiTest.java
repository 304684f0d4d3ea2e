package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters through the admin API (README, "Operating it"): listed by key, read, discarded (one, or a key's at
 * once), and replayed the way a record dropped into the inbox is, so a replay is one task, its record leaves the
 * folder, and a second replay submits nothing.
 */
class DeadLetterApiTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static AdminClient admin;

    @BeforeAll
    static void start() {
        admin = new AdminClient(BRIDGE.startWithAdminPort());
    }

    @Test
    void aReplayIsOneTaskTheRecordLeavesAndASecondReplaySubmitsNothing() {
        // TikMatrix turns the first call down (a device it did not know yet): the descriptor is dead-lettered under 40401
        BRIDGE.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40401, 404));
        BRIDGE.drop("replay-me.json", WARMUP.formatted("r1"));
        BRIDGE.awaitDeadLetters("40401", 1);
        JsonNode listed = await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/deadletters?key=40401").json(),
                list -> list.size() == 1);
        String id = listed.get(0).path("id").asText();
        assertThat(id).startsWith("40401:");
        assertThat(listed.get(0).path("replayable").asBoolean()).isTrue();
        assertThat(admin.get("/api/deadletters/" + id).json().path("code").asText()).isEqualTo("40401");

        AdminClient.Answer replay = admin.post("/api/deadletters/" + id + "/replay", "");

        assertThat(replay.status()).isEqualTo(202);
        JsonNode line = BRIDGE.awaitReceipt(replay.json().path("inbox_file").asText()).path("descriptors").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(BRIDGE.tasks()).hasSize(1);
        assertThat(BRIDGE.deadLetters("40401")).isEmpty();
        assertThat(admin.get("/api/deadletters?key=40401").json()).isEmpty();

        AdminClient.Answer again = admin.post("/api/deadletters/" + id + "/replay", "");

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("error").asText()).contains("replayed or discarded already");
        assertThat(BRIDGE.simulator().requestCount("POST", "/task")).isEqualTo(2);
        assertThat(BRIDGE.tasks()).hasSize(1);
    }

    @Test
    void everyRecordOfAKeyIsReplayedAtOnce() {
        BRIDGE.simulator().faults().failNext(2, "POST", "/task", Fault.errorEnvelope(40099, 400));
        BRIDGE.drop("replay-all.json", "[" + WARMUP.formatted("a1") + ", " + WARMUP.formatted("a2") + "]");
        BRIDGE.awaitDeadLetters("other", 2);

        AdminClient.Answer replay = admin.post("/api/deadletters/replay?key=other", "");

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("replayed")).hasSize(2);
        assertThat(replay.json().path("left")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> BRIDGE.tasks().size() == 2);
        assertThat(BRIDGE.tasks()).extracting(task -> task.serial()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(BRIDGE.deadLetters("other")).isEmpty();
    }

    @Test
    void everyRecordOfAKeyIsDiscardedAtOnce() {
        BRIDGE.simulator().faults().failNext(2, "POST", "/task", Fault.errorEnvelope(40401, 404));
        BRIDGE.drop("discard-all.json", "[" + WARMUP.formatted("b1") + ", " + WARMUP.formatted("b2") + "]");
        BRIDGE.awaitDeadLetters("40401", 2);
        List<String> ids = await().atMost(Duration.ofSeconds(10)).until(() -> ids(admin.get("/api/deadletters?key=40401").json()),
                listed -> listed.size() == 2);

        AdminClient.Answer discard = admin.delete("/api/deadletters?key=40401");

        assertThat(discard.status()).isEqualTo(200);
        assertThat(ids(discard.json().path("discarded"))).containsExactlyElementsOf(ids);
        assertThat(BRIDGE.deadLetters("40401")).isEmpty();
        assertThat(admin.get("/api/deadletters?key=40401").json()).isEmpty();
        assertThat(admin.delete("/api/deadletters").status()).isEqualTo(400);
        assertThat(BRIDGE.simulator().requestCount("POST", "/task")).isEqualTo(2);
    }

    @Test
    void aRecordWithoutADescriptorIsNotReplayedAndCanBeDiscarded() throws Exception {
        // a JSON Lines line that is no object: the record has no descriptor to submit
        BRIDGE.drop("not-an-object.jsonl", "[1, 2]\n");
        BRIDGE.awaitDeadLetters("40001", 1);
        String id = await().atMost(Duration.ofSeconds(10)).until(() -> ids(admin.get("/api/deadletters?key=40001").json()),
                ids -> !ids.isEmpty()).get(0);

        AdminClient.Answer replay = admin.post("/api/deadletters/" + id + "/replay", "");
        AdminClient.Answer discard = admin.delete("/api/deadletters/" + id);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().path("error").asText()).contains("holds no descriptor");
        assertThat(discard.status()).isEqualTo(200);
        assertThat(admin.get("/api/deadletters/" + id).status()).isEqualTo(404);
        assertThat(BRIDGE.deadLetters("40001")).isEmpty();
        assertThat(Files.list(BRIDGE.dir("inbox")).toList()).isEmpty();
        assertThat(BRIDGE.tasks()).isEmpty();
    }

    @Test
    void anIdThatIsNoRecordIsRefused() {
        assertThat(admin.get("/api/deadletters/40001:..%2F..%2Fstore").status()).isEqualTo(400);
        assertThat(admin.get("/api/deadletters/nokey").status()).isEqualTo(400);
        assertThat(admin.get("/api/deadletters/40009:x").status()).isEqualTo(404);
        assertThat(admin.get("/api/deadletters?key=unreadable").status()).isEqualTo(404);
    }

    /** The ids of a list of records, or a list of ids. */
    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.isTextual() ? item.asText() : item.path("id").asText()));
        return ids;
    }
}
