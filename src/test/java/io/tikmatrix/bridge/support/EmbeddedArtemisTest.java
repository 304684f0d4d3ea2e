package io.tikmatrix.bridge.support;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedArtemisTest {

    @RegisterExtension
    static final EmbeddedArtemis ARTEMIS = new EmbeddedArtemis();

    private static final String GROUP_ID = "JMSXGroupID";

    @Test
    void messagesSentByCamelArriveAtACamelConsumerWithTheirGroupId() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("jms", JmsComponent.jmsComponentAutoAcknowledge(ARTEMIS.connectionFactory()));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // stopping the context waits for the listener's current receive, 1 s by default
                    from("jms:queue:events?receiveTimeout=200").to("mock:received");
                }
            });
            camel.start();
            MockEndpoint received = camel.getEndpoint("mock:received", MockEndpoint.class);
            received.expectedBodiesReceived("device-1 created", "device-2 created", "device-1 started");
            received.message(0).header(GROUP_ID).isEqualTo("device-1");
            received.message(1).header(GROUP_ID).isEqualTo("device-2");
            received.message(2).header(GROUP_ID).isEqualTo("device-1");
            received.setResultWaitTime(10_000);

            ProducerTemplate producer = camel.createProducerTemplate();
            producer.sendBodyAndHeader("jms:queue:events", "device-1 created", GROUP_ID, "device-1");
            producer.sendBodyAndHeader("jms:queue:events", "device-2 created", GROUP_ID, "device-2");
            producer.sendBodyAndHeader("jms:queue:events", "device-1 started", GROUP_ID, "device-1");

            received.assertIsSatisfied();
        }
    }
}
