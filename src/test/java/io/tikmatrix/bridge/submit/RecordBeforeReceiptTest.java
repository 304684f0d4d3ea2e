package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.inbox.ReceiptWriter;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tasks of a descriptor are recorded with the store's next commit while its thread goes on; a file's receipt
 * waits for those commits. A record that fails leaves the file in the inbox, and the descriptor's claim free: the
 * next reading settles it with TikMatrix and adopts its task rather than posting it again.
 */
class RecordBeforeReceiptTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(ReceiptWriter.class);

    @Test
    void aRecordTheStoreRefusedLeavesTheFileAndItsTaskIsAdoptedAtTheNextReading() throws Exception {
        bridge.start();
        DataSource store = bridge.bridge().camelContext().getRegistry().lookupByNameAndType("storeDataSource", DataSource.class);
        // the store refuses the row of a follow task, as a full disk or a lost connection would refuse any
        execute(store, "ALTER TABLE bridge_task ADD CONSTRAINT no_follow CHECK (script_name <> 'follow')");

        bridge.drop("three.jsonl", """
                {"serials": ["s1"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}
                {"serials": ["s1"], "script_name": "follow", "script_config": {"target_users": ["@a"]}}
                {"serials": ["s2"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> logs.all().contains("three.jsonl line 2: the tasks of descriptor key"));
        assertThat(bridge.dir("receipts").resolve("three.jsonl.receipt.json")).doesNotExist();
        assertThat(bridge.dir("inbox").resolve("three.jsonl")).exists();

        execute(store, "ALTER TABLE bridge_task DROP CONSTRAINT no_follow");
        JsonNode receipt = bridge.awaitReceipt("three.jsonl");

        assertThat(receipt.path("descriptors").findValuesAsText("outcome")).containsExactly("duplicate", "submitted", "duplicate");
        assertThat(bridge.tasks()).as("each line posted once").hasSize(3);
        long follow = bridge.tasks().stream().filter(t -> t.scriptName().equals("follow")).findFirst().orElseThrow().id();
        assertThat(receipt.path("descriptors").get(1).path("task_ids").get(0).asLong()).as("the follow's one task, adopted").isEqualTo(follow);
        assertThat(bridge.storedTaskStatuses()).as("the store tracks all three").hasSize(3);
    }

    private static void execute(DataSource store, String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
