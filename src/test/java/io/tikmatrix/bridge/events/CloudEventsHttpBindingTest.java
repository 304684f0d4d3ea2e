package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks follow the CloudEvents HTTP binding, read back by the official Java SDK as a receiver would:
 * structured by default, with the exact content type the JavaScript SDK insists on; binary with
 * {@code ?mode=binary}, the attributes as {@code ce-*} headers and the data alone as the body.
 */
class CloudEventsHttpBindingTest {

    private final WebhookReceiver structured = new WebhookReceiver(() -> 200);
    private final WebhookReceiver binary = new WebhookReceiver(() -> 200);
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @AfterEach
    void stopWebhooks() {
        structured.close();
        binary.close();
    }

    @Test
    void theSdkReadsTheSameEventInEitherMode() throws Exception {
        bridge.with("bridge.events.endpoints", structured.url() + "," + binary.url() + "?mode=binary").start();
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        long taskId = bridge.awaitReceipt("warmup.json").path("descriptors").get(0).path("task_ids").get(0).asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> !structured.accepted().isEmpty() && !binary.accepted().isEmpty());

        WebhookReceiver.Received asStructured = structured.accepted().get(0);
        WebhookReceiver.Received asBinary = binary.accepted().get(0);
        assertThat(asStructured.contentType()).isEqualTo("application/cloudevents+json; charset=utf-8");
        assertThat(asBinary.contentType()).isEqualTo("application/json");
        assertThat(asBinary.header("ce-specversion")).isEqualTo("1.0");
        assertThat(asBinary.header("ce-id")).isEqualTo(taskId + "-0");

        MessageReader structuredReader = HttpMessageFactory.createReaderFromMultimap(asStructured.headers().map(), asStructured.body());
        MessageReader binaryReader = HttpMessageFactory.createReaderFromMultimap(asBinary.headers().map(), asBinary.body());
        assertThat(structuredReader.getEncoding()).isEqualTo(Encoding.STRUCTURED);
        assertThat(binaryReader.getEncoding()).isEqualTo(Encoding.BINARY);
        CloudEvent fromStructured = structuredReader.toEvent();
        CloudEvent fromBinary = binaryReader.toEvent();

        for (CloudEvent event : new CloudEvent[]{fromStructured, fromBinary}) {
            assertThat(event.getId()).isEqualTo(taskId + "-0");
            assertThat(event.getSource()).isEqualTo(URI.create("tikmatrix-bridge"));
            assertThat(event.getType()).isEqualTo("tikmatrix.task.status.changed");
            assertThat(event.getSubject()).isEqualTo(Long.toString(taskId));
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse(asStructured.event().path("time").asText()));
            JsonNode data = BridgeHarness.JSON.readTree(event.getData().toBytes());
            assertThat(data).isEqualTo(asStructured.event().path("data"));
            assertThat(data.path("status_text").asText()).isEqualTo("pending");
        }
        assertThat(fromBinary.getAttributeNames()).containsExactlyInAnyOrderElementsOf(fromStructured.getAttributeNames());
    }
}
