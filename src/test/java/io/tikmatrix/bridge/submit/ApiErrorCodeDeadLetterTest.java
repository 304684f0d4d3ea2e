package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A code the API answers for the descriptor itself is dead-lettered after one call, whatever the HTTP status. */
class ApiErrorCodeDeadLetterTest {

    private static final String DESCRIPTOR =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @ParameterizedTest(name = "code {0} with HTTP {1} goes to {2}")
    @CsvSource({
            "40001, 200, 40001",
            "40001, 400, 40001",
            "40002, 400, 40002",
            "40003, 200, 40003",
            "40401, 404, 40401",
            "40999, 200, other",
    })
    void anEnvelopeCodeGoesToItsOwnDeadLetterKey(int code, int httpStatus, String key) {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(code, httpStatus));
        String file = code + "-http-" + httpStatus + ".json";
        bridge.drop(file, DESCRIPTOR);

        JsonNode receipt = bridge.awaitReceipt(file);

        assertThat(receipt.path("descriptors").get(0).path("outcome").asText()).isEqualTo("dead-lettered");
        JsonNode record = bridge.awaitDeadLetters(key, 1).get(0);
        assertThat(record.path("code").asText()).isEqualTo(Integer.toString(code));
        assertThat(record.path("http_status").asInt()).isEqualTo(httpStatus);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("first_attempt_at").asText()).isNotEmpty();
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
    }

    @ParameterizedTest(name = "HTTP {0} without envelope goes to other")
    @CsvSource({"404", "400"})
    void aClientErrorWithoutEnvelopeIsNotRetried(int httpStatus) {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.rawStatus(httpStatus, "<html>Not Found</html>"));
        String file = "no-envelope-http-" + httpStatus + ".json";
        bridge.drop(file, DESCRIPTOR);

        bridge.awaitReceipt(file);

        assertThat(bridge.awaitDeadLetters("other", 1).get(0).path("reason").asText()).contains("HTTP " + httpStatus);
        assertThat(bridge.simulator().requestCount("POST", "/task")).isEqualTo(1);
    }
}
