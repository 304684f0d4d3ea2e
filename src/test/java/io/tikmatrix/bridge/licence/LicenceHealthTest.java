package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
