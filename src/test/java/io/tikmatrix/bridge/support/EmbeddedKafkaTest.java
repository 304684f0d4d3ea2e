package io.tikmatrix.bridge.support;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaTest {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void keyedMessagesSentByCamelArriveAtACamelConsumerInOrderPerKey() throws Exception {
        // two partitions, so per-key order is a property of keyed partitioning and not of a single log
        KAFKA.createTopic("device-events", 2);
        String topic = "kafka:device-events?brokers=" + KAFKA.bootstrapServers();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // stopping the context waits for the consumer's current poll: the 5 s default would double the test
                    from(topic + "&groupId=smoke&autoOffsetReset=earliest&pollTimeoutMs=200").to("mock:received");
                }
            });
            camel.start();
            MockEndpoint received = camel.getEndpoint("mock:received", MockEndpoint.class);
            received.expectedMessageCount(3);
            received.setResultWaitTime(30_000);

            ProducerTemplate producer = camel.createProducerTemplate();
            producer.sendBodyAndHeader(topic, "device-1 created", KafkaConstants.KEY, "device-1");
            producer.sendBodyAndHeader(topic, "device-2 created", KafkaConstants.KEY, "device-2");
            producer.sendBodyAndHeader(topic, "device-1 started", KafkaConstants.KEY, "device-1");

            received.assertIsSatisfied();
            List<Exchange> exchanges = received.getReceivedExchanges();
            Map<String, List<String>> bodiesByKey = exchanges.stream().collect(groupingBy(
                    e -> e.getMessage().getHeader(KafkaConstants.KEY, String.class),
                    mapping(e -> e.getMessage().getBody(String.class), toList())));
            assertThat(bodiesByKey).containsOnly(
                    Map.entry("device-1", List.of("device-1 created", "device-1 started")),
                    Map.entry("device-2", List.of("device-2 created")));
            Map<String, Set<Object>> partitionsByKey = exchanges.stream().collect(groupingBy(
                    e -> e.getMessage().getHeader(KafkaConstants.KEY, String.class),
                    mapping(e -> e.getMessage().getHeader(KafkaConstants.PARTITION), toSet())));
            assertThat(partitionsByKey.get("device-1")).hasSize(1);
        }
    }
}
