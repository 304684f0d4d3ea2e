package io.tikmatrix.bridge.metrics;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.tikmatrix.bridge.support.PrometheusText.samples;
import static io.tikmatrix.bridge.support.PrometheusText.type;
import static io.tikmatrix.bridge.support.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /observe/metrics counts what the bridge did, under the names of README's "Operating it", as an operator's
 * Prometheus reads them over HTTP: a file's descriptors by outcome, its dead letters by key, the calls by result
 * with their latency, the tracked tasks, the waiting events, the intake, the schedules' firings.
 */
class MetricsTest {

    private static final String WARMUP = "{\"serials\": [\"%s\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";
    /** Two tasks, and one descriptor without serials or usernames, a 40001 that is never sent. */
    private static final String FILE = "[" + WARMUP.formatted("s1") + ", " + WARMUP.formatted("s2") + ","
            + " {\"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}]";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFileIsCountedByOutcomeKeyAndCallResult() throws Exception {
        String admin = bridge.startWithAdminPort();
        // the first POST loses its connection: one call without an answer, then the descriptor is settled and posted again
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.dropConnection());

        bridge.drop("counted.json", FILE);
        bridge.awaitReceipt("counted.json");
        String text = metrics(admin);

        assertThat(samples(text, "tikmatrix_bridge_descriptors_total")).containsAllEntriesOf(Map.of(
                "{outcome=\"submitted\",source=\"inbox\"}", 2.0,
                "{outcome=\"dead_lettered\",source=\"inbox\"}", 1.0,
                "{outcome=\"duplicate\",source=\"inbox\"}", 0.0,
                "{outcome=\"submitted\",source=\"schedule\"}", 0.0));
        assertThat(value(text, "tikmatrix_bridge_dead_letters_total{key=\"40001\"}")).isEqualTo(1.0);
        assertThat(value(text, "tikmatrix_bridge_dead_letters_total{key=\"50001\"}")).isEqualTo(0.0);
        assertThat(samples(text, "tikmatrix_bridge_api_calls_total")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "{result=\"ok\"}", 2.0, "{result=\"transient\"}", 1.0, "{result=\"rejected\"}", 0.0));
        assertThat(type(text, "tikmatrix_bridge_api_call_seconds")).isEqualTo("histogram");
        assertThat(value(text, "tikmatrix_bridge_api_call_seconds_count")).isEqualTo(3.0);
        assertThat(value(text, "tikmatrix_bridge_api_call_seconds_bucket{le=\"+Inf\"}")).isEqualTo(3.0);
        assertThat(value(text, "tikmatrix_bridge_calls_in_flight")).isEqualTo(0.0);
        assertThat(samples(text, "tikmatrix_bridge_tasks").keySet()).containsExactlyInAnyOrder(
                "{status=\"pending\"}", "{status=\"running\"}", "{status=\"completed\"}", "{status=\"failed\"}");
        assertThat(samples(text, "tikmatrix_bridge_tasks").values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(2.0);
        assertThat(value(text, "tikmatrix_bridge_intake_open")).isEqualTo(1.0);
        assertThat(type(text, "tikmatrix_bridge_descriptors_total")).isEqualTo("counter");
        assertThat(type(text, "tikmatrix_bridge_tasks")).isEqualTo("gauge");

        // one endpoint, the default file one, named after its folder; its events all delivered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(samples(metrics(admin), "tikmatrix_bridge_events_waiting").entrySet())
                .singleElement().satisfies(sample -> {
                    assertThat(sample.getKey()).startsWith("{endpoint=\"file-").endsWith("-events\"}");
                    assertThat(sample.getValue()).isEqualTo(0.0);
                }));
    }

    @Test
    void theSameFileAgainCountsDuplicatesAndNoNewDeadLetter() throws Exception {
        String admin = bridge.startWithAdminPort();
        bridge.drop("twice.json", FILE);
        bridge.awaitReceipt("twice.json");

        bridge.drop("twice.json", FILE);
        bridge.awaitReceipt("twice.2.json");
        String text = metrics(admin);

        assertThat(samples(text, "tikmatrix_bridge_descriptors_total")).containsAllEntriesOf(Map.of(
                "{outcome=\"submitted\",source=\"inbox\"}", 2.0,
                "{outcome=\"duplicate\",source=\"inbox\"}", 2.0,
                // the line that says "dead-lettered before": an outcome, not a second record
                "{outcome=\"dead_lettered\",source=\"inbox\"}", 2.0));
        assertThat(value(text, "tikmatrix_bridge_dead_letters_total{key=\"40001\"}")).isEqualTo(1.0);
        assertThat(value(text, "tikmatrix_bridge_api_calls_total{result=\"ok\"}")).isEqualTo(2.0);
    }

    @Test
    void aHeldIntakeShowsAsZero() throws Exception {
        bridge.simulator().faults().setPlan(false);
        String admin = bridge.startWithAdminPort();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(value(metrics(admin), "tikmatrix_bridge_intake_open")).isEqualTo(0.0));

        bridge.simulator().faults().setPlan(true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(value(metrics(admin), "tikmatrix_bridge_intake_open")).isEqualTo(1.0));
    }

    @Test
    void eachScheduleFiringIsCountedUnderItsName() throws Exception {
        bridge.schedules("""
                schedules:
                  - name: every-second
                    cron: "* * * * * ?"
                    task: {script_name: account_warmup, serials: ["s9"], script_config: {task_duration: 60}}
                """);
        String admin = bridge.startWithAdminPort();

        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.submittedKeys("schedule:every-second@").size() >= 2);
        String text = metrics(admin);

        assertThat(value(text, "tikmatrix_bridge_schedule_firings_total{schedule=\"every-second\"}")).isGreaterThanOrEqualTo(2.0);
        assertThat(value(text, "tikmatrix_bridge_descriptors_total{outcome=\"submitted\",source=\"schedule\"}")).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void theTextPassesPromtool() throws Exception {
        String admin = bridge.startWithAdminPort();
        bridge.drop("checked.json", FILE);
        bridge.awaitReceipt("checked.json");

        PrometheusText.Promtool check = PrometheusText.promtool(metrics(admin));

        // 0: clean; 3: lint problems only. Camel's own meters have some (camelCase labels such as routeId, no HELP
        // for app_info), which are Camel's naming; the bridge's must have none
        assertThat(check.exitCode()).as(String.join("\n", check.lines())).isIn(0, 3);
        assertThat(check.problemsOf("tikmatrix_bridge")).isEmpty();
        assertThat(PrometheusText.promtool("tikmatrix_bridge_broken{key=\"x\" 1\n").exitCode()).as("a text it cannot parse").isEqualTo(1);
    }

    private String metrics(String admin) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(admin + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
