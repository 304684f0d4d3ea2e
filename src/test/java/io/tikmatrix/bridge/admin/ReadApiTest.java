package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the admin API tells about a running bridge (README, "Operating it"): the summary (with the last minute's
 * descriptors), the recent files with their receipts, the tasks by status with their last change.
 */
class ReadApiTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static AdminClient admin;
    private static Instant dropped;

    @BeforeAll
    static void start() {
        dropped = Instant.now();
        admin = new AdminClient(BRIDGE.startWithAdminPort());
        BRIDGE.drop("read-me.json", "[" + WARMUP.formatted("t1") + ", {\"script_name\": \"like\", \"serials\": [\"t2\"]}]");
        BRIDGE.awaitReceipt("read-me.json");
    }

    @Test
    void theSummaryCountsDescriptorsTasksAndEvents() {
        JsonNode summary = admin.get("/api/summary").json();

        assertThat(summary.path("intake").path("open").asBoolean()).isTrue();
        assertThat(summary.path("calls_in_flight").asInt()).isZero();
        // both lines of the receipt, the submitted one and the dead-lettered one, were written within the minute
        assertThat(summary.path("descriptors_last_minute").asLong()).isEqualTo(2);
        assertThat(summary.path("descriptors").path("submitted").asLong()).isEqualTo(1);
        assertThat(summary.path("descriptors").path("dead_lettered").asLong()).isEqualTo(1);
        long tasks = 0;
        for (String status : new String[] {"pending", "running", "completed", "failed"}) {
            tasks += summary.path("tasks").path(status).asLong();
        }
        assertThat(tasks).isEqualTo(1);
        assertThat(summary.path("events_waiting").size()).isEqualTo(1);
    }

    @Test
    void theRecentFilesComeWithTheirReceipts() {
        JsonNode files = admin.get("/api/files?limit=5").json();

        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("name").asText()).isEqualTo("read-me.json");
        assertThat(files.get(0).path("receipt").path("summary").path("submitted").asLong()).isEqualTo(1);
        assertThat(files.get(0).path("receipt").path("descriptors").get(1).path("code").asText()).isEqualTo("40003");
        assertThat(admin.get("/api/files?limit=0").status()).isEqualTo(400);
    }

    @Test
    void aReceiptCanBeReadWithoutItsLinesAndItsLinesAPageAtATime() {
        JsonNode head = admin.get("/api/files?limit=5&lines=false").json().get(0).path("receipt");

        assertThat(head.has("descriptors")).isFalse();
        assertThat(head.path("lines").asLong()).isEqualTo(2);
        assertThat(head.path("dead_lettered_by_code").toString()).isEqualTo("{\"40003\":1}");
        assertThat(head.path("summary").path("submitted").asLong()).isEqualTo(1);
        assertThat(head.path("file").asText()).isEqualTo("read-me.json");

        JsonNode page = admin.get("/api/files/read-me.json?offset=1&limit=1").json();

        assertThat(page.path("lines").asLong()).isEqualTo(2);
        assertThat(page.path("offset").asLong()).isEqualTo(1);
        assertThat(page.path("descriptors")).hasSize(1);
        assertThat(page.path("descriptors").get(0).path("code").asText()).isEqualTo("40003");
        assertThat(admin.get("/api/files/read-me.json").json().path("descriptors")).hasSize(2);
        assertThat(admin.get("/api/files/nothing.json").status()).isEqualTo(404);
        assertThat(admin.get("/api/files/..%2Fstore").status()).isEqualTo(404);
        assertThat(admin.get("/api/files/read-me.json?offset=-1").status()).isEqualTo(400);
    }

    @Test
    void tasksAreListedByTheStatusLastSeen() {
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/tasks?status=completed").json().size() == 1);
        JsonNode task = admin.get("/api/tasks?status=completed").json().get(0);

        assertThat(task.path("serial").asText()).isEqualTo("t1");
        assertThat(task.path("script_name").asText()).isEqualTo("account_warmup");
        assertThat(task.path("source").path("file").asText()).isEqualTo("read-me.json");
        // when the poll saw it completed: after the drop, and no later than this answer
        assertThat(Instant.parse(task.path("updated_at").asText())).isBetween(dropped, Instant.now());
        assertThat(admin.get("/api/tasks?status=pending").json()).isEmpty();
        assertThat(admin.get("/api/tasks").json()).hasSize(1);
        assertThat(admin.get("/api/tasks?status=done").status()).isEqualTo(400);
    }
}
