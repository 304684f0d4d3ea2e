package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules through the admin API (README, "Operating it"): listed with their next fire times and last firing, run
 * now the way a dropped file goes, and switched off or on in the store, which holds across a restart until schedules.yaml changes
 * the schedule.
 */
class ScheduleApiTest {

    private static final String SCHEDULES = """
            schedules:
              - name: morning
                cron: "0 0 9 * * ?"
                timezone: Asia/Kolkata
                task: {script_name: account_warmup, serials: ["m1"], script_config: {task_duration: %d}}
              - name: ticking
                cron: "* * * * * ?"
                task: {script_name: account_warmup, serials: ["k1"], script_config: {task_duration: 60}}
              - name: resting
                cron: "0 0 9 * * ?"
                enabled: false
                task: {script_name: account_warmup, serials: ["z1"], script_config: {task_duration: 60}}
              - name: chatty
                cron: "0 0 9 * * ?"
                enabled: false
                task: {script_name: account_warmup, serials: ["c1"], script_config: {generate_by_chatgpt: true, chatgpt_settings: {api_key: "sk-schedule-secret-1234"}}}
            """;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void eachScheduleIsListedWithWhetherItRunsAndItsNextFireTimes() {
        bridge.schedules(SCHEDULES.formatted(600));
        AdminClient admin = new AdminClient(bridge.startWithAdminPort());

        JsonNode list = admin.get("/api/schedules").json();

        assertThat(list).extracting(s -> s.path("name").asText()).containsExactly("morning", "ticking", "resting", "chatty");
        assertThat(list.get(3).path("task").path("script_config").path("chatgpt_settings").path("api_key").asText()).isEqualTo("***");
        assertThat(list.toString()).doesNotContain("sk-schedule-secret-1234");
        JsonNode morning = list.get(0);
        assertThat(morning.path("enabled").asBoolean()).isTrue();
        assertThat(morning.path("timezone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(morning.path("next_fire_times")).hasSize(5)
                .allSatisfy(time -> assertThat(time.asText()).endsWith("T09:00+05:30"));
        assertThat(list.get(2).path("enabled").asBoolean()).isFalse();
        assertThat(list.get(2).path("next_fire_times")).isEmpty();
        // off since before the bridge started: its latest fire time has no firing
        assertThat(list.get(2).path("last_firing").path("state").asText()).isEqualTo("none");
        assertThat(list.get(2).path("last_firing").path("fire_time").asText()).matches(".*T09:00:00(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(admin.post("/api/schedules/nothing/run", "").status()).isEqualTo(404);
    }

    @Test
    void runNowIsOneTaskThroughTheInboxWithAReceipt() {
        bridge.schedules(SCHEDULES.formatted(600));
        AdminClient admin = new AdminClient(bridge.startWithAdminPort());

        AdminClient.Answer run = admin.post("/api/schedules/resting/run", "");

        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json().path("key").asText()).startsWith("schedule:resting@run-");
        JsonNode line = bridge.awaitReceipt(run.json().path("inbox_file").asText()).path("descriptors").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(line.path("key").asText()).isEqualTo(run.json().path("key").asText());
        // the ticking schedule makes tasks of its own meanwhile; the run made one
        assertThat(bridge.tasks()).filteredOn(task -> "z1".equals(task.serial())).hasSize(1);
    }

    @Test
    void aSwitchHoldsAcrossARestartUntilTheFileChangesTheSchedule() {
        bridge.schedules(SCHEDULES.formatted(600));
        AdminClient admin = new AdminClient(bridge.startWithAdminPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.submittedKeys("schedule:ticking@").isEmpty());
        JsonNode lastFiring = await().atMost(Duration.ofSeconds(10)).until(() -> state(admin, "ticking").path("last_firing"),
                last -> last.path("state").asText().equals("submitted"));
        assertThat(bridge.submittedKeys("schedule:ticking@")).contains("schedule:ticking@" + lastFiring.path("fire_time").asText());
        assertThat(lastFiring.path("task_ids")).hasSize(1);

        assertThat(admin.post("/api/schedules/ticking/disable", "").status()).isEqualTo(200);
        assertThat(admin.post("/api/schedules/resting/enable", "").status()).isEqualTo(200);

        assertThat(running()).doesNotContain("schedule-ticking").contains("schedule-resting", "schedule-morning");
        assertThat(state(admin, "ticking").path("switched").asBoolean()).isTrue();

        bridge.restart();

        assertThat(running()).doesNotContain("schedule-ticking").contains("schedule-resting");
        assertThat(state(admin, "ticking").path("enabled").asBoolean()).isFalse();
        assertThat(state(admin, "ticking").path("enabled_in_file").asBoolean()).isTrue();

        // another edit of another schedule leaves the switches be
        bridge.schedules(SCHEDULES.formatted(900));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(admin, "morning").path("task").toString().contains("900"));
        assertThat(running()).doesNotContain("schedule-ticking");

        // an edit of the switched schedule gives it back to the file
        bridge.schedules(SCHEDULES.formatted(900).replace("[\"k1\"]", "[\"k2\"]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> running().contains("schedule-ticking"));
        assertThat(state(admin, "ticking").path("switched").asBoolean()).isFalse();
    }

    private java.util.List<String> running() {
        return bridge.bridge().camelContext().getRoutes().stream().map(route -> route.getRouteId()).toList();
    }

    private static JsonNode state(AdminClient admin, String name) {
        for (JsonNode schedule : admin.get("/api/schedules").json()) {
            if (schedule.path("name").asText().equals(name)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule " + name);
    }
}
