package io.tikmatrix.bridge.deadletter;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The ChatGPT key of a warm-up reaches the API and nowhere else: not the log at any level, not a dead letter, not an event. */
class SecretsNeverLoggedTest {

    private static final String SECRET = "sk-live-never-log-me-42";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aSecretThroughRetriesDeadLettersAndReplayIsNeverLogged() throws Exception {
        bridge.start();
        bridge.simulator().faults().failNext(4, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("warm.jsonl", """
                {"id": "w1", "serials": ["s1"], "script_name": "account_warmup", "script_config": {"generate_by_chatgpt": true, "chatgpt_settings": {"api_key": "%s"}}}
                {"id": "w2", "serials": ["s2"], "script_name": "account_warmup", "script_config": {"generate_by_chatgpt": "yes", "chatgpt_settings": {"api_key": "%s"}}}
                """.formatted(SECRET, SECRET));
        bridge.awaitReceipt("warm.jsonl");
        var record = bridge.awaitDeadLetters("50001", 1).get(0);
        bridge.drop("replay.json", BridgeHarness.JSON.writeValueAsString(record));
        bridge.awaitReceipt("replay.json");

        assertThat(bridge.simulator().receivedTaskBodies()).as("the API does get the key")
                .anySatisfy(body -> assertThat(body.toString()).contains(SECRET));
        assertThat(logs.all()).as("captured log").isNotEmpty().doesNotContain(SECRET);
        assertThat(bridge.events().toString()).doesNotContain(SECRET);
    }
}
