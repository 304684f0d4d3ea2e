package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's first view (README, "Console"): the page loads from the admin port and tells, without a reload,
 * whether intake is open and what the bridge has done.
 */
class ConsoleNowTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser(BRIDGE);

    @Test
    void theFirstViewShowsIntakeAndCountsThatFollowTheBridge() {
        assertThat(BROWSER.find("#intake [data-status]").getText()).isEqualTo("Open");
        BROWSER.awaitText("[data-figure='descriptors-submitted']", "0");

        BRIDGE.drop("now-one.json", "[" + WARMUP.formatted("n1") + ", " + WARMUP.formatted("n2") + "]");
        BRIDGE.awaitReceipt("now-one.json");

        BROWSER.awaitText("[data-figure='descriptors-submitted']", "2");
        BROWSER.awaitText("[data-figure='per-minute']", "2");
        assertThat(BROWSER.find("[data-figure='calls']").getText()).isEqualTo("0");
        BROWSER.screenshot("now");
    }
}
