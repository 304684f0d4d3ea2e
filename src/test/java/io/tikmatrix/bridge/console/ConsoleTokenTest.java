package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console on a bridge with bridge.admin.token (README, "Console"): the page loads, asks for the token, and with
 * it shows the bridge; the token is kept for the browser tab only, never in the page's address or its storage for
 * good.
 */
class ConsoleTokenTest {

    private static final String TOKEN = "console-t0ken-typed-in-the-page";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    @Test
    void thePageAsksForTheTokenAndWithItShowsTheBridge() {
        BROWSER.driver().get(BRIDGE.with("bridge.admin.token", TOKEN).startWithAdminPort() + "/");

        await().until(() -> BROWSER.find("#login").getDomProperty("open"), "true"::equals);
        // the API's refusal of the first request without the token is all the browser reports
        assertThat(BROWSER.errors()).singleElement().asString().contains("/api/summary").contains("401");

        BROWSER.find("#token").sendKeys(TOKEN);
        BROWSER.find("#login button[type='submit']").click();

        BROWSER.awaitText("#intake", "Intake: Open");
        assertThat(BROWSER.find("#login").getDomProperty("open")).isEqualTo("false");
        assertThat(BROWSER.driver().executeScript("return Object.keys(localStorage).filter(k => localStorage[k].includes(arguments[0]))", TOKEN))
                .asList().isEmpty();
        assertThat(BROWSER.driver().getCurrentUrl()).doesNotContain(TOKEN);
    }
}
