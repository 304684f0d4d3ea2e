package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A descriptor key is submitted once, across re-drops and restarts. */
class IdempotentResubmissionTest {

    private static final String FILE = """
            {"serials": ["s1"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}
            {"id": "order-77", "serials": ["s2"], "script_name": "account_warmup", "script_config": {}}
            """;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @BeforeEach
    void start() {
        bridge.start();
    }

    @Test
    void anIdenticalFileDroppedAgainCreatesNoTaskAndItsReceiptNamesTheEarlierTasks() {
        bridge.drop("day.jsonl", FILE);
        JsonNode first = bridge.awaitReceipt("day.jsonl");

        bridge.drop("day.jsonl", FILE);
        // a second drop of the same name keeps the first receipt and gets one of its own
        JsonNode second = bridge.awaitReceipt("day.2.jsonl");

        assertThat(second.path("summary").path("duplicate").asInt()).isEqualTo(2);
        assertThat(second.path("descriptors").get(0).path("task_ids")).isEqualTo(first.path("descriptors").get(0).path("task_ids"));
        assertThat(bridge.simulator().tasks()).hasSize(3);
    }

    @Test
    void aRestartDoesNotResubmitWhatWasSubmitted() {
        bridge.drop("day.jsonl", FILE);
        bridge.awaitReceipt("day.jsonl");

        bridge.restart();
        bridge.drop("day.jsonl", FILE);

        assertThat(bridge.awaitReceipt("day.2.jsonl").path("summary").path("duplicate").asInt()).isEqualTo(2);
        assertThat(bridge.simulator().tasks()).hasSize(3);
    }

    @Test
    void theUsersOwnIdIsTheKeyWhateverFileItComesIn() {
        bridge.drop("day.jsonl", FILE);
        bridge.awaitReceipt("day.jsonl");

        bridge.drop("other.json", "{\"id\": \"order-77\", \"serials\": [\"s9\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");

        JsonNode line = bridge.awaitReceipt("other.json").path("descriptors").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("duplicate");
        assertThat(line.path("key").asText()).isEqualTo("order-77");
        assertThat(bridge.simulator().tasks()).hasSize(3);
    }
}
