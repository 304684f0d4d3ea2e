package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console for every operator (README, "Console"): each view fits a phone's width without sideways scrolling,
 * and the views and actions are reached with the keyboard alone.
 */
class ConsoleLayoutTest {

    private static final List<String> VIEWS = List.of("now", "files", "deadletters", "tasks", "schedules");

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    @BeforeAll
    static void start() {
        BRIDGE.drop("layout.json", "{\"serials\": [\"l1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}");
        BROWSER.open(() -> {
            String base = BRIDGE.startWithAdminPort();
            BRIDGE.awaitReceipt("layout.json");
            return base;
        });
    }

    @AfterEach
    void laptopAgain() {
        BROWSER.driver().manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    void everyViewFitsAPhonesWidth() {
        BROWSER.driver().manage().window().setSize(new Dimension(390, 844));
        for (String view : VIEWS) {
            BROWSER.view(view);
            Object overflow = BROWSER.driver().executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("pixels of %s wider than the phone", view).isLessThanOrEqualTo(0);
        }
        BROWSER.view("files");
        BROWSER.screenshot("files-phone");
    }

    @Test
    void theViewsAndTheirActionsAreReachedWithTheKeyboard() {
        BROWSER.view("now");
        BROWSER.driver().executeScript("arguments[0].focus()", BROWSER.find("nav a[data-view='now']"));
        Actions keys = new Actions(BROWSER.driver());
        keys.sendKeys(Keys.TAB).perform();
        assertThat(BROWSER.driver().switchTo().activeElement().getText()).isEqualTo("Files");

        keys.sendKeys(Keys.ENTER).perform();

        BROWSER.find("[data-file='layout.json']");
        assertThat(BROWSER.driver().getCurrentUrl()).endsWith("#files");
        // past the other views' links, the first control of the view
        keys.sendKeys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB).perform();
        assertThat(BROWSER.driver().switchTo().activeElement().getText()).isEqualTo("Open receipt");
        keys.sendKeys(Keys.ENTER).perform();
        BROWSER.all("[data-file='layout.json'] table.receipt tbody tr", 1);
    }
}
