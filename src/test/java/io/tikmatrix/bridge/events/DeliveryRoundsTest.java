package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.PrometheusText;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery rounds are started by work, not by a clock: a new event leaves as soon as it is stored, however long
 * bridge.events.delivery-interval is, an idle bridge runs no round for seconds on end, and while events wait the
 * rounds come one interval apart.
 */
class DeliveryRoundsTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();
    private final WebhookReceiver refusing = new WebhookReceiver(() -> 503);

    @AfterEach
    void stopWebhook() {
        refusing.close();
    }

    @Test
    void aNewEventLeavesAtOnceWhateverTheInterval() {
        bridge.with("bridge.events.delivery-interval", "30s").start().drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        long id = bridge.awaitReceipt("warmup.json").path("descriptors").get(0).path("task_ids").get(0).asLong();

        // a clock of 30 s would take up to 30 s; woken by the stored row it takes one round
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.events().containsKey(id + "-0"));
    }

    @Test
    void anIdleBridgeRunsNoRoundsWhileNothingCanBeDue() {
        AdminClient admin = new AdminClient(bridge.with("bridge.events.delivery-interval", "50ms").startWithAdminPort());
        // the first round, at the start, finds nothing; on a store of its own nothing else can make an event due
        double atStart = await().atMost(Duration.ofSeconds(10)).until(() -> rounds(admin), rounds -> rounds >= 1);

        // a clock of 50 ms would run 40 rounds in these 2 s
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> rounds(admin) == atStart);
    }

    /** Exchanges the delivery route has completed: one per round (Camel's own meter at /observe/metrics). */
    private static double rounds(AdminClient admin) {
        return PrometheusText.samples(admin.get("/observe/metrics").body(), "camel_exchanges_total").entrySet().stream()
                .filter(sample -> sample.getKey().contains("routeId=\"event-delivery-"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void whileEventsWaitTheRoundsArePacedByTheInterval() {
        // the event's own retries come due every 50 to 200 ms, rounds only every second
        bridge.with("bridge.events.endpoints", refusing.url()).with("bridge.events.retry.max-attempts", "1000")
                .with("bridge.events.delivery-interval", "1s").start();
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        bridge.awaitReceipt("warmup.json");
        await().atMost(Duration.ofSeconds(5)).until(() -> refusing.received().size() == 1);

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(3)).until(() -> refusing.received().size() <= 4);
        assertThat(refusing.received().size()).isGreaterThanOrEqualTo(2);
    }
}
