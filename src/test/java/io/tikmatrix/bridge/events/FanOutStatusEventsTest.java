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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each task of a follow fan-out (2 targets × 2 serials) reports pending, running, completed, in order, to the file endpoint. */
class FanOutStatusEventsTest {

    private static final String FOLLOW = """
            {"serials": ["emulator-5554", "emulator-5556"], "script_name": "follow",
             "script_config": {"target_users": ["@a", "@b"]}}""";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @BeforeEach
    void start() {
        bridge.start();
    }

    @Test
    void everyTaskWalksThroughItsStatusesOneEventEach() {
        bridge.drop("follow.json", FOLLOW);
        JsonNode line = bridge.awaitReceipt("follow.json").path("descriptors").get(0);
        List<Long> ids = new ArrayList<>();
        line.path("task_ids").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(4);

        ids.forEach(id -> bridge.awaitEvent(id + "-0"));
        clock.advance(Duration.ofSeconds(2));
        ids.forEach(id -> bridge.awaitEvent(id + "-1"));
        clock.advance(Duration.ofSeconds(3));
        ids.forEach(id -> bridge.awaitEvent(id + "-2"));

        for (long id : ids) {
            JsonNode created = bridge.events().get(id + "-0");
            JsonNode running = bridge.events().get(id + "-1");
            JsonNode completed = bridge.events().get(id + "-2");
            assertThat(created.path("specversion").asText()).isEqualTo("1.0");
            assertThat(created.path("source").asText()).isEqualTo("tikmatrix-bridge");
            assertThat(created.path("type").asText()).isEqualTo("tikmatrix.task.status.changed");
            assertThat(created.path("subject").asText()).isEqualTo(Long.toString(id));
            assertThat(created.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(created.path("data").path("previous_status").isNull()).isTrue();
            assertThat(created.path("data").path("status_text").asText()).isEqualTo("pending");
            assertThat(running.path("data").path("previous_status").asInt()).isEqualTo(0);
            assertThat(running.path("data").path("status_text").asText()).isEqualTo("running");
            assertThat(completed.path("data").path("previous_status").asInt()).isEqualTo(1);
            assertThat(completed.path("data").path("previous_status_text").asText()).isEqualTo("running");
            assertThat(Instant.parse(running.path("time").asText())).isAfterOrEqualTo(Instant.parse(created.path("time").asText()));
            assertThat(Instant.parse(completed.path("time").asText())).isAfterOrEqualTo(Instant.parse(running.path("time").asText()));

            JsonNode data = completed.path("data");
            // the API answered only ids (4 for 2 serials): the serial comes from the list
            assertThat(data.path("serial").asText()).isEqualTo(bridge.simulator().task(id).orElseThrow().serial());
            assertThat(data.path("script_name").asText()).isEqualTo("follow");
            assertThat(data.path("descriptor_key").asText()).isEqualTo(line.path("key").asText());
            assertThat(data.path("source").path("file").asText()).isEqualTo("follow.json");
            assertThat(data.path("source").path("position").asInt()).isEqualTo(0);
        }
        assertThat(bridge.events()).hasSize(12);
    }
}
