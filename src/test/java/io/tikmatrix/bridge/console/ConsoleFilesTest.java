package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Files view (README, "Console"): a file being submitted shows a progress bar toward its number of
 * descriptors, counting each descriptor as it gets its outcome, then its totals; its receipt opens line by line, with
 * task ids and reasons.
 */
class ConsoleFilesTest {

    private static final int DESCRIPTORS = 60;
    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    // a call held for seconds is answered, not timed out and retried
    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness().with("tikmatrix.response-timeout", "20s");
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser(BRIDGE);

    @Test
    void aFileShowsItsProgressThenItsTotalsAndItsReceipt() {
        BROWSER.view("files");
        // TikMatrix answers slowly, so the file is a few seconds under way; its last descriptor is refused
        BRIDGE.simulator().faults().failNext(DESCRIPTORS - 1, "POST", "/task", Fault.delay(Duration.ofMillis(200)));
        StringJoiner lines = new StringJoiner("\n");
        for (int i = 1; i < DESCRIPTORS; i++) {
            lines.add(WARMUP.formatted("f" + i));
        }
        lines.add("{\"script_name\": \"like\", \"serials\": [\"f0\"]}");
        BRIDGE.drop("progress.jsonl", lines.toString());

        WebElement file = BROWSER.find("[data-file='progress.jsonl']");
        assertThat(file.findElement(By.cssSelector("[data-status]")).getDomAttribute("data-status")).isEqualTo("submitting");
        assertThat(BROWSER.find("[data-file='progress.jsonl'] progress").getDomAttribute("max")).isEqualTo(Integer.toString(DESCRIPTORS));
        BROWSER.screenshot("files-progress");

        BROWSER.awaitText("[data-file='progress.jsonl'] [data-status]", "Done");
        assertThat(BROWSER.all("[data-file='progress.jsonl']", 1)).as("listed once, as done").hasSize(1);
        assertThat(BROWSER.find("[data-file='progress.jsonl'] [data-figure='progress']").getText()).isEqualTo("60 of 60");
        WebElement bar = BROWSER.find("[data-file='progress.jsonl'] progress");
        assertThat(bar.getDomAttribute("value")).isEqualTo(bar.getDomAttribute("max")).isEqualTo("60");
        assertThat(BROWSER.find("[data-file='progress.jsonl'] .muted").getText())
                .startsWith("Submitted 59 · dead-lettered 1 · duplicate 0 (40003: 1)");

        BROWSER.find("[data-file='progress.jsonl'] button").click();

        List<WebElement> rows = BROWSER.all("[data-file='progress.jsonl'] table.receipt tbody tr", DESCRIPTORS);
        long firstTask = BRIDGE.tasks().stream().filter(task -> "f1".equals(task.serial())).findFirst().orElseThrow().id();
        assertThat(rows.get(0).getText()).isEqualTo("1 Submitted " + firstTask);
        assertThat(rows.get(DESCRIPTORS - 1).getText()).startsWith("60 Dead-lettered 40003 ");
        BROWSER.screenshot("files");
    }

    @Test
    void theProgressCountsEveryDescriptorWithAnOutcomeWhileItsReceiptIsStillBuffered() {
        BROWSER.view("files");
        // whichever two calls come first are answered at once, the third one seconds later
        BRIDGE.simulator().faults().failNext(2, "POST", "/task", Fault.delay(Duration.ZERO))
                .failNext(1, "POST", "/task", Fault.delay(Duration.ofSeconds(8)));
        BRIDGE.drop("exact.jsonl", String.join("\n", WARMUP.formatted("e1"), WARMUP.formatted("e2"), WARMUP.formatted("e3")));

        // two short receipt lines are far from filling the writer's buffer: the count is not read from the receipt
        BROWSER.awaitText("[data-file='exact.jsonl'] [data-figure='progress']", "2 of 3");
        assertThat(BROWSER.find("[data-file='exact.jsonl'] [data-status]").getDomAttribute("data-status")).isEqualTo("submitting");
        assertThat(BROWSER.find("[data-file='exact.jsonl'] progress").getDomAttribute("value")).isEqualTo("2");
        assertThat(BROWSER.find("[data-file='exact.jsonl'] .muted").getText()).startsWith("Submitted 2 · dead-lettered 0 · duplicate 0");

        BROWSER.awaitText("[data-file='exact.jsonl'] [data-status]", "Done");
        assertThat(BROWSER.find("[data-file='exact.jsonl'] [data-figure='progress']").getText()).isEqualTo("3 of 3");
    }
}
