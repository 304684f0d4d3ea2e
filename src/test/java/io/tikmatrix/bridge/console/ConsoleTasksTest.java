package io.tikmatrix.bridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's Tasks view (README, "Console"): each task with its status, device, script, source (its place in the
 * file counted as the bridge's reasons count it) and last change, that time on the operator's clock (the browser's zone, here Tokyo's) in the chosen language; filtered by status.
 */
class ConsoleTasksTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";
    /** How Chromium writes a medium date and time in English (it may put a narrow space before AM/PM). */
    private static final DateTimeFormatter IN_TOKYO = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneId.of("Asia/Tokyo"));

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    private static AdminClient admin;

    @BeforeAll
    static void start() {
        BROWSER.inZone("Asia/Tokyo").open(() -> {
            String base = BRIDGE.startWithAdminPort();
            admin = new AdminClient(base);
            return base;
        });
    }

    @Test
    void eachTaskSaysWhenItLastChangedOnTheOperatorsClockAndTheListFiltersByStatus() {
        BRIDGE.drop("last-change.json", WARMUP.formatted("c1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/tasks?status=completed").json().size() == 1);
        JsonNode task = admin.get("/api/tasks").json().get(0);
        Instant changed = Instant.parse(task.path("updated_at").asText());
        String row = "[data-task='" + task.path("task_id").asLong() + "']";

        BROWSER.view("tasks");

        BROWSER.awaitTextContaining(row, "Completed device c1 account_warmup last-change.json, item 1");
        assertThat(BROWSER.all("table.tasks th", 6)).last().extracting(WebElement::getText).isEqualTo("Last change");
        assertThat(BROWSER.find(row + " [data-figure='changed']").getText().replace('\u202f', ' ')).isEqualTo(IN_TOKYO.format(changed));

        Select filter = new Select(BROWSER.find("#task-filter"));
        filter.selectByValue("failed");
        BROWSER.awaitText("#view-tasks .content", "No task of this kind yet.");
        filter.selectByValue("completed");
        BROWSER.find(row);

        new Select(BROWSER.find("#language")).selectByValue("hi");
        BROWSER.awaitText("table.tasks th:last-child", "पिछला बदलाव");
        assertThat(BROWSER.find(row + " [data-figure='changed']").getText())
                .containsPattern("\\p{IsDevanagari}").contains(DateTimeFormatter.ofPattern("h:mm:ss").withZone(ZoneId.of("Asia/Tokyo")).format(changed));
    }
}
