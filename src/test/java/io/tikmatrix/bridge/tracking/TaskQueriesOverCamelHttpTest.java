package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.simulator.Fault;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task reads go through camel-http: its settings (the defaults file's camel.component.http.*) hold for them. */
class TaskQueriesOverCamelHttpTest extends PollAgainstSimulatorTest {

    TaskQueriesOverCamelHttpTest() {
        super(100);
    }

    @Test
    void aListSlowerThanCamelHttpsResponseTimeoutFailsAsATimeOut() throws Exception {
        camel.getComponent("http", HttpComponent.class).setResponseTimeout(300);
        simulator.faults().failAlways("GET", "/task", Fault.delay(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> queries.each(Map.of("source", "api"), task -> { }))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anErrorEnvelopeIsReadNotThrownByCamel() throws Exception {
        simulator.faults().failNext(1, "GET", "/task/", Fault.errorEnvelope(40401, 404));

        assertThat(queries.get(77)).isEmpty();
        assertThat(simulator.requestCount("GET", "/task/77")).isEqualTo(1);
    }
}
