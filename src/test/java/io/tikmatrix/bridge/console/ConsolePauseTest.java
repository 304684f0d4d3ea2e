package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pause and Resume intake from the console (README, "Console"): the page says held, and why, until resumed. */
class ConsolePauseTest {

    private static final String WARMUP = "{\"serials\": [\"p1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser(BRIDGE);

    @Test
    void pausedIntakeIsShownHeldUntilResumedFromThePage() {
        BROWSER.find("#pause").click();

        BROWSER.awaitText("#intake", "Intake: Held — Paused by an operator. Press Resume to take in files again.");
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isTrue();
        assertThat(BROWSER.find("[data-figure='intake']").getText()).startsWith("Held");
        BRIDGE.drop("while-paused.json", WARMUP);
        BROWSER.screenshot("paused");

        BROWSER.find("#resume").click();

        BROWSER.awaitText("#intake", "Intake: Open");
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> BRIDGE.tasks().size() == 1);
        assertThat(BRIDGE.awaitReceipt("while-paused.json").path("summary").path("submitted").asLong()).isEqualTo(1);
    }
}
