package io.tikmatrix.bridge.console;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.ConsoleBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's Schedules view (README, "Console"): each schedule's cron in words in the zone it runs in, its next
 * fire times on the operator's clock (the browser's zone, here Tokyo's) and in UTC; Run now makes one task, and a
 * schedule is switched off and on from the page.
 */
class ConsoleSchedulesTest {

    private static final String SCHEDULES = """
            schedules:
              - name: morning
                cron: "0 0 9 * * ?"
                timezone: Asia/Kolkata
                task: {script_name: account_warmup, serials: ["m1"], script_config: {task_duration: 600}}
              - name: weekdays
                cron: "0 30 18 ? * MON-FRI"
                timezone: UTC
                enabled: false
                task: {script_name: account_warmup, serials: ["w1"], script_config: {task_duration: 600}}
            """;

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    @BeforeAll
    static void start() {
        BRIDGE.schedules(SCHEDULES);
        // neither the schedule's zone nor UTC, and without daylight saving: 09:00 in Kolkata is 12:30 in Tokyo
        BROWSER.inZone("Asia/Tokyo").open(BRIDGE::startWithAdminPort);
    }

    @Test
    void eachScheduleSaysWhenItRunsInItsZoneWithItsNextFireTimesOnTheOperatorsClockAndInUtc() {
        BROWSER.view("schedules");
        WebElement morning = BROWSER.find("[data-schedule='morning']");
        assertThat(morning.getText()).contains("Runs at 09:00 AM, every day. 0 0 9 * * ? · runs in time zone Asia/Kolkata");
        assertThat(BROWSER.all("[data-schedule='morning'] table.fire-times th", 2)).extracting(WebElement::getText)
                .containsExactly("Next (your time, Asia/Tokyo)", "Next (UTC)");
        List<WebElement> times = BROWSER.all("[data-schedule='morning'] table.fire-times tbody tr", 5);
        // 09:00 in Kolkata is 12:30 in Tokyo and 03:30 UTC, the same day
        assertThat(times).allSatisfy(row -> assertThat(row.getText()).matches("(\\w+ \\d+, \\d+), 12:30:00\\hPM \\1, 3:30:00\\hAM"));
        assertThat(BROWSER.find("[data-schedule='morning'] [data-figure='last-firing']").getText())
                .matches("Last fire time \\w+ \\d+, \\d+, 12:30:00\\hPM \\(your time\\): Did not fire");
        assertThat(BROWSER.find("[data-schedule='weekdays']").getText())
                .contains("Off").contains("Runs at 06:30 PM, on Monday–Friday.").contains("Off: no fire times.");
        BROWSER.screenshot("schedules");
    }

    @Test
    void runNowIsOneTaskAndASwitchFromThePageHolds() {
        BROWSER.view("schedules");
        BROWSER.find("[data-schedule='weekdays'] [data-action='run']").click();

        BROWSER.awaitTextContaining("#notice", "weekdays runs now: run-weekdays-");
        await().atMost(Duration.ofSeconds(20)).until(() -> BRIDGE.tasks().stream().anyMatch(task -> "w1".equals(task.serial())));

        BROWSER.find("[data-schedule='weekdays'] [data-action='enable']").click();
        BROWSER.awaitText("#notice", "weekdays is on.");
        BROWSER.awaitText("[data-schedule='weekdays'] [data-status]", "On");
        BROWSER.all("[data-schedule='weekdays'] table.fire-times tbody tr", 5);

        BROWSER.find("[data-schedule='weekdays'] [data-action='disable']").click();
        BROWSER.awaitText("[data-schedule='weekdays'] [data-status]", "Off");
        assertThat(BRIDGE.bridge().camelContext().getRoute("schedule-weekdays")).isNull();
    }
}
