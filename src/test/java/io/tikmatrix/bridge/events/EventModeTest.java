package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ?mode=structured|binary} is the bridge's option: Camel never sees it, it does not change the endpoint's
 * name, and a mode a transport has no binding for, or an unknown one, stops the start naming the endpoint.
 */
class EventModeTest {

    private static final Path DEAD_LETTERS = Path.of("deadletter");
    private static final WebhookSignature UNSIGNED = new WebhookSignature(List.of(), Clock.systemUTC());

    @Test
    void theModeNeverReachesCamelNorTheEndpointsName() {
        EventEndpoint kafka = EventEndpoint.of("kafka:events?mode=structured&brokers=b:9092", DEAD_LETTERS, UNSIGNED);
        EventEndpoint webhook = EventEndpoint.of("http://h:8080/hook?mode=BINARY", DEAD_LETTERS, UNSIGNED);
        EventEndpoint jms = EventEndpoint.of("jms:queue:events?mode=structured", DEAD_LETTERS, UNSIGNED);

        assertThat(kafka.deliveryUri()).isEqualTo("kafka:events?brokers=b:9092");
        assertThat(kafka.name()).isEqualTo("kafka-events");
        assertThat(webhook.deliveryUri()).isEqualTo("http://h:8080/hook?throwExceptionOnFailure=false");
        assertThat(webhook.name()).isEqualTo("http-h-8080-hook");
        assertThat(jms.deliveryUri()).isEqualTo("jms:queue:events?jmsMessageType=Text");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jms:queue:events?mode=binary|bridge.events.endpoints: jms-queue-events: mode=binary is not possible: JMS has no CloudEvents binding; events go structured",
            "file:out/events?mode=binary|bridge.events.endpoints: file-out-events: mode=binary is not possible: a file holds the whole event",
            "seda:events?mode=binary|bridge.events.endpoints: seda-events: mode=binary is not possible: seda: has no CloudEvents binding; events go structured",
            "kafka:events?mode=fancy|bridge.events.endpoints: kafka-events: mode must be structured or binary",
            "http://h/hook?mode=binary&mode=structured|bridge.events.endpoints: http-h-hook: mode is given twice"})
    void aModeTheTransportCannotHaveStopsTheStart(String uri, String problem) {
        assertThatThrownBy(() -> EventEndpoint.list(uri, DEAD_LETTERS, UNSIGNED))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(problem));
    }
}
