package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console on a bridge with bridge.admin.token (README, "Console"): the page loads, asks for the token, and with
 * it shows the bridge; the token is kept for the browser tab only, never in the page's address or its storage for
 * good, so a new tab asks again, as the dialog says.
 */
class ConsoleTokenTest {

    private static final String TOKEN = "console-t0ken-typed-in-the-page";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    @Test
    void thePageAsksForTheTokenAndWithItShowsTheBridge() {
        String page = BRIDGE.with("bridge.admin.token", TOKEN).startWithAdminPort() + "/";
        BROWSER.driver().get(page);

        awaitTheTokenAsked();
        assertThat(BROWSER.find("#login p").getText()).isEqualTo("This bridge asks for its admin token (bridge.admin.token)."
                + " The page keeps it in this browser tab only, until the tab is closed: a new tab or window asks for it again.");

        BROWSER.find("#token").sendKeys(TOKEN);
        BROWSER.find("#login button[type='submit']").click();

        BROWSER.awaitText("#intake", "Intake: Open");
        assertThat(BROWSER.find("#login").getDomProperty("open")).isEqualTo("false");
        assertThat(BROWSER.driver().executeScript("return Object.keys(localStorage).filter(k => localStorage[k].includes(arguments[0]))", TOKEN))
                .asList().isEmpty();
        assertThat(BROWSER.driver().getCurrentUrl()).doesNotContain(TOKEN);

        String signedIn = BROWSER.driver().getWindowHandle();
        BROWSER.driver().switchTo().newWindow(WindowType.TAB).get(page);
        awaitTheTokenAsked();
        BROWSER.driver().close();
        BROWSER.driver().switchTo().window(signedIn);
        BROWSER.awaitText("#intake", "Intake: Open");
    }

    private static void awaitTheTokenAsked() {
        await().until(() -> BROWSER.find("#login").getDomProperty("open"), "true"::equals);
        // the API's refusal of the first request without the token is all the browser reports
        assertThat(BROWSER.errors()).singleElement().asString().contains("/api/summary").contains("401");
    }
}
