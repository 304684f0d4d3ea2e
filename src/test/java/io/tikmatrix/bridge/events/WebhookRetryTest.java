package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A webhook that answers 500 for a while gets every event once it recovers, each task's in order, each signed. */
class WebhookRetryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    /** The webhook fails for 2 s from the first event it sees. */
    private final AtomicReference<Instant> firstCall = new AtomicReference<>();
    private final WebhookReceiver webhook = new WebhookReceiver(() -> {
        firstCall.compareAndSet(null, Instant.now());
        return Instant.now().isBefore(firstCall.get().plusSeconds(2)) ? 500 : 200;
    });
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    @Test
    void everyEventArrivesInPerTaskOrderWithAValidSignature() throws Exception {
        bridge.with("bridge.events.endpoints", webhook.url())
                .with("bridge.events.webhook.secret", SECRET)
                // retries every 50..200 ms: enough attempts to outlast the 2 s outage
                .with("bridge.events.retry.max-attempts", "100")
                .start();
        bridge.drop("follow.json", """
                {"serials": ["emulator-5554"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}""");
        bridge.awaitReceipt("follow.json");
        // while the webhook fails, both tasks move on: their later events queue behind the failing first ones
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received().size() >= 2);
        clock.advance(Duration.ofSeconds(2));
        // a poll must see both tasks running before they complete, or there would be no running event to order
        await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(bridge.storedTaskStatuses().values()).equals(List.of(1, 1)));
        clock.advance(Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.accepted().size() >= 6);

        assertThat(webhook.received()).anyMatch(r -> r.answered() == 500);
        Map<Long, List<Integer>> statusesByTask = new LinkedHashMap<>();
        for (WebhookReceiver.Received r : webhook.accepted()) {
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json; charset=utf-8");
            new Webhook(SECRET).verify(new String(r.body(), StandardCharsets.UTF_8), r.headers());
            JsonNode data = r.event().path("data");
            statusesByTask.computeIfAbsent(data.path("task_id").asLong(), k -> new ArrayList<>()).add(data.path("status").asInt());
        }
        assertThat(statusesByTask).hasSize(2);
        statusesByTask.values().forEach(statuses -> assertThat(statuses).containsExactly(0, 1, 2));
    }
}
