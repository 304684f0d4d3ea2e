package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart while events wait undelivered and tasks move on unseen: afterwards every transition has
 * reached the endpoint exactly once.
 */
class RestartEventsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    private volatile int answer = 200;
    private final WebhookReceiver webhook = new WebhookReceiver(() -> answer);
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    @Test
    void noEventIsLostOrRepeatedAcrossARestart() throws Exception {
        bridge.with("bridge.events.endpoints", webhook.url())
                .with("bridge.events.retry.max-attempts", "1000")
                .start();
        bridge.drop("follow.json", """
                {"serials": ["emulator-5554"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.accepted().size() == 2);

        // the running events are stored, but the webhook is down: they wait in the outbox
        answer = 503;
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.received().stream().filter(r -> r.answered() == 503)
                .map(r -> r.event().path("id").asText()).distinct().count() == 2);

        bridge.bridge().close();
        clock.advance(Duration.ofSeconds(3));
        answer = 200;
        bridge.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.accepted().size() >= 6);
        // a repeat would come within a few delivery intervals
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> webhook.accepted().size() == 6);
        List<String> ids = webhook.accepted().stream().map(r -> r.event().path("id").asText()).toList();
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.endsWith("-0") || id.endsWith("-1") || id.endsWith("-2"));
        assertThat(ids.stream().filter(id -> id.endsWith("-2"))).hasSize(2);
    }
}
