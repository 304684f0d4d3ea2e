package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events that waited together leave in rounds of at most {@link EventDelivery#ROUND_SIZE}, and a round's rows are
 * marked sent only when it is over: each task's events still arrive once each, in their order, across rounds.
 */
class EventOrderAcrossRoundsTest {

    private static final int TASKS = 150;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final AtomicBoolean webhookUp = new AtomicBoolean();
    private final WebhookReceiver webhook = new WebhookReceiver(() -> webhookUp.get() ? 200 : 503);
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    @Test
    void eachTasksEventsArriveOnceAndInOrderWhenMoreWaitThanOneRoundTakes() {
        bridge.with("bridge.events.endpoints", webhook.url()).with("bridge.events.retry.max-attempts", "1000").start();
        bridge.drop("warmups.jsonl", IntStream.range(0, TASKS).mapToObj(i -> "{\"serials\": [\"emulator-" + (5554 + 2 * i)
                + "\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}").collect(Collectors.joining("\n")));
        bridge.awaitReceipt("warmups.jsonl");

        // while the webhook is down, every task runs and completes: three events each wait in the outbox
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.storedTaskStatuses().size() == TASKS);
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.storedTaskStatuses().values().stream().allMatch(s -> s == 1));
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.storedTaskStatuses().values().stream().allMatch(s -> s == 2));
        webhookUp.set(true);

        await().atMost(Duration.ofSeconds(60)).until(() -> webhook.accepted().size() >= 3 * TASKS);
        Map<Long, List<Integer>> statusesByTask = new HashMap<>();
        for (WebhookReceiver.Received r : webhook.accepted()) {
            JsonNode data = r.event().path("data");
            statusesByTask.computeIfAbsent(data.path("task_id").asLong(), k -> new ArrayList<>()).add(data.path("status").asInt());
        }
        assertThat(statusesByTask).hasSize(TASKS);
        statusesByTask.forEach((task, statuses) -> assertThat(statuses).as("task " + task).containsExactly(0, 1, 2));
        assertThat(webhook.accepted()).hasSize(3 * TASKS);
    }
}
