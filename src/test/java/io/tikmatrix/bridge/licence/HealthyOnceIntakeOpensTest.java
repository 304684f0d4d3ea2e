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

/**
 * The bridge is healthy as soon as the first licence check opens intake, not once the inbox has polled after that:
 * the gate holds the inbox until then, and its next poll came up to a poll interval later.
 */
class HealthyOnceIntakeOpensTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void healthIsUpBeforeTheInboxPollsAgain() throws Exception {
        // held from the start, so the inbox's first poll is skipped, and the next is an hour away
        bridge.with("bridge.inbox.poll-interval", "1h");
        bridge.simulator().faults().setPlan(false);
        URI health = URI.create(bridge.startWithAdminPort() + "/observe/health");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health)).contains("40301"));

        bridge.simulator().faults().setPlan(true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health)).contains("\"UP\"").doesNotContain("DOWN"));
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
