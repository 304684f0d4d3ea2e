package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.amqp.ProtonAmqpMessageFactory;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.netty.buffer.ByteBuf;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.EmbeddedArtemis;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpCodec;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An amqp: endpoint on Artemis's AMQP 1.0 acceptor: every event is an AMQP message by the CloudEvents AMQP
 * binding, binary by default and structured with ?mode=structured, its body a data section, its group id the
 * task id; the official SDK's AMQP module reads each as it came off the wire.
 */
class AmqpEventsTest {

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults().withClock(clock));

    @Test
    void eachModeIsReadByTheSdkAndEachTasksEventsKeepTheirGroupAndOrder() throws Exception {
        bridge.with("bridge.events.endpoints", "amqp:queue:events-binary,amqp:queue:events-structured?mode=structured")
                .with("bridge.amqp.url", ARTEMIS.amqpUrl())
                .start();
        bridge.drop("follow.json", """
                {"serials": ["emulator-5554"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}""");
        bridge.awaitReceipt("follow.json");

        Map<String, List<Integer>> binaryByGroup = new LinkedHashMap<>();
        Map<String, List<Integer>> structuredByGroup = new LinkedHashMap<>();
        try (Connection connection = new JmsConnectionFactory(ARTEMIS.amqpUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer binary = session.createConsumer(session.createQueue("events-binary"));
            MessageConsumer structured = session.createConsumer(session.createQueue("events-structured"));
            receive(binary, Encoding.BINARY, "application/json", binaryByGroup, 2);
            receive(structured, Encoding.STRUCTURED, "application/cloudevents+json; charset=utf-8", structuredByGroup, 2);
            clock.advance(Duration.ofSeconds(2));
            receive(binary, Encoding.BINARY, "application/json", binaryByGroup, 4);
            receive(structured, Encoding.STRUCTURED, "application/cloudevents+json; charset=utf-8", structuredByGroup, 4);
            clock.advance(Duration.ofSeconds(3));
            receive(binary, Encoding.BINARY, "application/json", binaryByGroup, 6);
            receive(structured, Encoding.STRUCTURED, "application/cloudevents+json; charset=utf-8", structuredByGroup, 6);
        }

        assertThat(binaryByGroup).hasSize(2).isEqualTo(structuredByGroup);
        binaryByGroup.forEach((taskId, statuses) -> assertThat(statuses).as("task " + taskId).containsExactly(0, 1, 2));
    }

    /** Each message as the AMQP bytes it arrived as, decoded by Proton-J and read by the SDK. */
    private static void receive(MessageConsumer consumer, Encoding encoding, String contentType,
                                Map<String, List<Integer>> statusesByGroup, int total) throws Exception {
        while (statusesByGroup.values().stream().mapToInt(List::size).sum() < total) {
            jakarta.jms.Message received = consumer.receive(Duration.ofSeconds(30).toMillis());
            assertThat(received).as("an event within 30 s").isNotNull();
            Message amqp = onTheWire((AmqpJmsMessageFacade) ((JmsMessage) received).getFacade());
            assertThat(amqp.getBody()).as("a data section, not an amqp-value").isInstanceOf(Data.class);
            assertThat(amqp.getContentType()).isEqualTo(contentType);

            MessageReader reader = ProtonAmqpMessageFactory.createReader(amqp);
            assertThat(reader.getEncoding()).isEqualTo(encoding);
            CloudEvent event = reader.toEvent();
            assertThat(amqp.getGroupId()).isEqualTo(event.getSubject());
            assertThat(event.getType()).isEqualTo("tikmatrix.task.status.changed");
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            JsonNode data = BridgeHarness.JSON.readTree(event.getData().toBytes());
            if (encoding == Encoding.BINARY) {
                assertThat(amqp.getApplicationProperties().getValue()).containsEntry("cloudEvents:id", event.getId());
                assertThat(BridgeHarness.JSON.readTree(((Data) amqp.getBody()).getValue().getArray())).isEqualTo(data);
            }
            statusesByGroup.computeIfAbsent(event.getSubject(), k -> new ArrayList<>()).add(data.path("status").asInt());
        }
    }

    private static Message onTheWire(AmqpJmsMessageFacade facade) {
        ByteBuf encoded = AmqpCodec.encodeMessage(facade);
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        Message message = Message.Factory.create();
        message.decode(bytes, 0, bytes.length);
        return message;
    }
}
