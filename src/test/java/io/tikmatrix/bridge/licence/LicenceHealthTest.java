package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /observe/health reports the bridge unhealthy, with the reason, while intake is held. */
class LicenceHealthTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aPlanWithoutApiAccessIsReportedDownAndThenUp() throws Exception {
        bridge.simulator().faults().setPlan(false);
        URI health = URI.create(bridge.startWithAdminPort() + "/observe/health");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health))
                .contains("licence").contains("DOWN").contains("40301"));

        bridge.simulator().faults().setPlan(true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health)).contains("\"UP\"").doesNotContain("DOWN"));
    }

    /** The reason names where TikMatrix was looked for, readable as it is: no escaped slashes of a URL. */
    @Test
    void anUnreachableTikMatrixIsReportedDownWithItsAddress() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        bridge.with("tikmatrix.base-url", "http://127.0.0.1:" + closed + "/api/v1");
        URI health = URI.create(bridge.startWithAdminPort() + "/observe/health");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health))
                .contains("DOWN").contains("\"TikMatrix cannot be reached at 127.0.0.1:" + closed
                        + ": connection refused (is TikMatrix running?)\""));
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
