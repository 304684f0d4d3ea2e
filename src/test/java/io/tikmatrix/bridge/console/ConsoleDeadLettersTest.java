package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's Dead letters view (README, "Console"): records grouped by key, each key with what it means and what
 * to do about it in plain words, each record with its reason and its descriptor with secrets masked; a replay from
 * the page becomes a task the Tasks view shows, and a key's records are discarded at once only after the operator
 * confirms.
 */
class ConsoleDeadLettersTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";
    private static final String SECRET = "sk-console-secret-98765";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser(BRIDGE);

    @Test
    void aReplayFromThePageBecomesATask() {
        // TikMatrix does not know the device yet: the descriptor is dead-lettered under 40401
        BRIDGE.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40401, 404));
        BRIDGE.drop("replay-in-page.json", "{\"serials\": [\"d1\"], \"script_name\": \"account_warmup\", \"script_config\":"
                + " {\"task_duration\": 60, \"generate_by_chatgpt\": true, \"chatgpt_settings\": {\"api_key\": \"" + SECRET + "\"}}}");
        BRIDGE.awaitDeadLetters("40401", 1);
        BROWSER.view("deadletters");

        BROWSER.awaitTextContaining("[data-key='40401'] h3", "TikMatrix does not have the device, account or file the task names.");
        assertThat(BROWSER.find("[data-key='40401'] [data-figure='todo']").getText())
                .isEqualTo("What to do: add the device, account or file in TikMatrix (or fix its name in the file), then Replay.");
        BROWSER.find("[data-key='40401'] [data-id] button[aria-expanded]").click();
        String descriptor = BROWSER.find("[data-key='40401'] pre.descriptor").getText();
        assertThat(descriptor).contains("\"api_key\": \"***\"").contains("\"d1\"").doesNotContain(SECRET);
        BROWSER.screenshot("deadletters");

        BROWSER.find("[data-key='40401'] [data-action='replay']").click();

        BROWSER.awaitTextContaining("#notice", "Replayed: ");
        await().atMost(Duration.ofSeconds(20)).until(() -> BRIDGE.tasks().size() == 1);
        BROWSER.view("tasks");
        long task = BRIDGE.tasks().get(0).id();
        BROWSER.awaitTextContaining("[data-task='" + task + "']", "device d1 account_warmup");
        BROWSER.screenshot("tasks");
        assertThat(BRIDGE.deadLetters("40401")).isEmpty();
    }

    @Test
    void aKeysRecordsAreDiscardedAtOnceOnlyOnceConfirmed() {
        BRIDGE.simulator().faults().failNext(2, "POST", "/task", Fault.errorEnvelope(40099, 400));
        BRIDGE.drop("discard-in-page.json", "[" + WARMUP.formatted("x1") + ", " + WARMUP.formatted("x2") + "]");
        BRIDGE.awaitDeadLetters("other", 2);
        BROWSER.view("deadletters");
        BROWSER.awaitText("[data-key='other'] h3 + span", "2 waiting");

        BROWSER.find("[data-key='other'] [data-action='discard-key']").click();
        BROWSER.awaitTextContaining("#confirm-text", "Discard all 2 dead letters of other?");
        BROWSER.find("#confirm-no").click();
        assertThat(BRIDGE.deadLetters("other")).hasSize(2);

        BROWSER.find("[data-key='other'] [data-action='discard-key']").click();
        BROWSER.find("#confirm-yes").click();

        BROWSER.awaitText("#notice", "2 dead letters discarded.");
        assertThat(BRIDGE.deadLetters("other")).isEmpty();
        assertThat(BRIDGE.tasks()).isEmpty();
    }
}
