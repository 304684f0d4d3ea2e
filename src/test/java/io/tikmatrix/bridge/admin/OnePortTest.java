package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One port, bridge.admin.port, serves health (whole, live, ready) and Camel's metrics: Camel's management server is
 * the bridge's only HTTP server, and it answers every request, not one in a few.
 */
class OnePortTest {

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static String admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        admin = BRIDGE.startWithAdminPort();
    }

    @Test
    void healthLiveAndReadyAnswerUpOnTheAdminPort() {
        for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready"}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> answer = get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(answer.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
            });
        }
    }

    @Test
    void camelsOwnMetricsAreOnTheSamePort() throws Exception {
        HttpResponse<String> metrics = get("/observe/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("app_info{camel_context=\"tikmatrix-bridge\"").contains("routeId=\"inbox\"");
    }

    @Test
    void everyRequestIsAnsweredNotOneInAFew() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get(i % 2 == 0 ? "/observe/health/live" : "/observe/metrics").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(admin + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
