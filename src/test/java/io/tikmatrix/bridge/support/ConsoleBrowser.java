package io.tikmatrix.bridge.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real browser on the operator console: Debian's headless Chromium driven through its own chromedriver (packages
 * {@code chromium} and {@code chromium-driver}), both named by path so that Selenium never looks for or downloads
 * one. A {@code static} {@code @RegisterExtension} field: one browser per test class, started before the class's
 * {@code @BeforeAll} and closed after it; after each test, whatever the page wrote to the browser console at
 * SEVERE (a script error, a file it could not load) fails that test.
 *
 * <p>Without Chromium or chromedriver each test is skipped, saying how to install them, and {@link #open} starts no
 * bridge; under {@code CI=true} the class fails instead. Other paths: {@code -Dtikmatrix.test.chromium=…},
 * {@code -Dtikmatrix.test.chromedriver=…}.
 */
public final class ConsoleBrowser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** Where each view's picture is kept: one of each is checked into docs/console/ for the README. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final Path CHROMIUM = Path.of(System.getProperty("tikmatrix.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("tikmatrix.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The bridge whose console opens before the class's tests, or null when the class opens it itself. */
    private final BridgeHarness bridge;
    private ChromeDriver driver;
    private String base;
    /** Why there is no browser, when there is none: each test is skipped saying so. */
    private String missing;

    /** A browser whose tests open the console themselves ({@link #open}). */
    public ConsoleBrowser() {
        this(null);
    }

    /** A browser on the console of this bridge, started with its admin port before the class's tests. */
    public ConsoleBrowser(BridgeHarness bridge) {
        this.bridge = bridge;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "No headless browser for the console's tests: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed"
                    + " (Debian/Ubuntu: apt-get install chromium chromium-driver; elsewhere name them with"
                    + " -Dtikmatrix.test.chromium=… -Dtikmatrix.test.chromedriver=…).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + " CI=true, so this fails instead of being skipped.");
            }
            // skipped test by test, not as a class, so that the report counts them and says why
            missing = why;
            return;
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // CI runs as root, where Chromium's sandbox cannot start; /dev/shm is small in containers
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=en-US",
                        "--no-first-run", "--disable-extensions", "--disable-background-networking");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        if (bridge != null) {
            open(bridge::startWithAdminPort);
        }
    }

    /**
     * Sets the browser's own time zone (an IANA name) for the pages it opens next, as an operator's computer far from
     * the bridge's would have it; the machine's zone is left alone. Without a browser it does nothing.
     */
    public ConsoleBrowser inZone(String zone) {
        if (driver != null) {
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        }
        return this;
    }

    /**
     * Opens the console of the bridge whose admin port {@code start} starts (and returns the URL of), on its first
     * view; without a browser nothing is started.
     */
    public ConsoleBrowser open(Supplier<String> start) {
        if (missing != null) {
            return this;
        }
        base = start.get();
        driver.get(base + "/");
        await().atMost(WAIT).until(() -> "now".equals(loadedView()));
        return this;
    }

    /** Goes to a view (now, files, deadletters, tasks, schedules) and waits until it shows the API's answer. */
    public ConsoleBrowser view(String view) {
        find("nav a[data-view='" + view + "']").click();
        await().atMost(WAIT).until(() -> view.equals(loadedView()));
        return this;
    }

    private String loadedView() {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-loaded");
    }

    /** The element the CSS selector finds once it is there. */
    public WebElement find(String css) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(css)), element -> true);
    }

    /** The elements the CSS selector finds, once there are {@code count} of them. */
    public List<WebElement> all(String css, int count) {
        return await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector(css)), found -> found.size() == count);
    }

    /** Waits until the element's text is the given one, and returns it. */
    public WebElement awaitText(String css, String text) {
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(css)).getText(), text::equals);
        return find(css);
    }

    /** Waits until the element's text contains the given one. */
    public WebElement awaitTextContaining(String css, String text) {
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(By.cssSelector(css)).getText(), shown -> shown.contains(text));
        return find(css);
    }

    /** Reloads the page, as a browser opened again would show it. */
    public ConsoleBrowser reload() {
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> loadedView() != null);
        return this;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the window shows from the top of the page as target/console-screenshots/{@code name}.png. */
    public Path screenshot(String name) {
        driver.executeScript("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to the browser's console at SEVERE since the last look (a look takes them). */
    public List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            assertThat(errors()).as("what the console wrote to the browser's console at SEVERE on " + base).isEmpty();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
