package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in Hindi (README, "Console"): switched on the page, every text comes from the Hindi bundle, numbers
 * and dates follow the language, and the choice is remembered when the page is opened again.
 */
class ConsoleHindiTest {

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser(BRIDGE);

    @Test
    void switchedToHindiThePageSpeaksHindiAndRemembersIt() {
        assertThat(BROWSER.find("nav a[data-view='files']").getText()).isEqualTo("Files");

        new Select(BROWSER.find("#language")).selectByValue("hi");

        BROWSER.awaitText("nav a[data-view='files']", "फ़ाइलें");
        assertThat(BROWSER.find("h1").getText()).isEqualTo("TikMatrix ब्रिज");
        assertThat(BROWSER.find("#intake").getText()).isEqualTo("इनटेक: खुला");
        assertThat(BROWSER.find("#pause").getText()).isEqualTo("इनटेक रोकें");
        assertThat(BROWSER.find("html").getDomAttribute("lang")).isEqualTo("hi");
        BROWSER.view("schedules");
        assertThat(BROWSER.find("#view-schedules").getText()).contains("कोई शेड्यूल नहीं।");
        BROWSER.view("now");
        BROWSER.screenshot("now-hindi");

        BROWSER.reload();

        BROWSER.awaitText("nav a[data-view='files']", "फ़ाइलें");
        assertThat(BROWSER.find("#language").getDomProperty("value")).isEqualTo("hi");
    }
}
