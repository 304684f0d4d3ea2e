package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook that answers 4xx will never take the event: it goes to deadletter/events/<endpoint name> at once, untried again. */
class WebhookRejectionTest {

    private final WebhookReceiver webhook = new WebhookReceiver(() -> 400);
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    @Test
    void aRefusedEventIsDeadLetteredUnderTheEndpointsName() {
        bridge.with("bridge.events.endpoints", webhook.url()).start();
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        long id = bridge.awaitReceipt("warmup.json").path("descriptors").get(0).path("task_ids").get(0).asLong();

        String name = webhook.url().replace("http://", "http-").replace(':', '-').replace('/', '-');
        Path deadLetter = bridge.dir("deadletter").resolve("events").resolve(name).resolve(id + "-0.json");
        JsonNode refused = BridgeHarness.awaitWritten(deadLetter);

        assertThat(refused.path("id").asText()).isEqualTo(id + "-0");
        assertThat(webhook.received().stream().filter(r -> r.event().path("id").asText().equals(id + "-0"))).hasSize(1);
    }
}
