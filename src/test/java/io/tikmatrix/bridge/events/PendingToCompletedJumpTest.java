package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A task that went from pending to completed between two polls gives one 0 → 2 event; no running is invented. */
class PendingToCompletedJumpTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @BeforeEach
    void start() {
        bridge.start();
    }

    @Test
    void aJumpBetweenPollsIsOneEvent() {
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        long id = bridge.awaitReceipt("warmup.json").path("descriptors").get(0).path("task_ids").get(0).asLong();
        bridge.awaitEvent(id + "-0");

        clock.advance(Duration.ofMinutes(1));
        JsonNode completed = bridge.awaitEvent(id + "-2");

        assertThat(completed.path("data").path("previous_status").asInt()).isEqualTo(0);
        assertThat(completed.path("data").path("previous_status_text").asText()).isEqualTo("pending");
        assertThat(completed.path("data").path("serial").asText()).isEqualTo("emulator-5554");
        // for a few more polls, so a late invented "running" would have had its chance
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(bridge.events().keySet()).containsExactly(id + "-0", id + "-2"));
    }
}
