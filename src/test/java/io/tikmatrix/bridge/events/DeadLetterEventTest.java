package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A dead-lettered descriptor is announced with its dead-letter record, the secret masked as there. */
class DeadLetterEventTest {

    private static final String WARMUP_WITH_KEY = """
            {"serials": ["emulator-5554"], "script_name": "account_warmup",
             "script_config": {"task_duration": 60, "chatgpt_settings": {"api_key": "sk-live-secret"}}}""";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @BeforeEach
    void start() {
        bridge.start();
    }

    @Test
    void theEventCarriesTheMaskedRecordNeverTheSecret() throws Exception {
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40001, 400));
        bridge.drop("warmup.json", WARMUP_WITH_KEY);

        await().atMost(Duration.ofSeconds(20)).until(() -> !bridge.events().isEmpty());

        var event = bridge.events().values().iterator().next();
        assertThat(event.path("type").asText()).isEqualTo("tikmatrix.descriptor.dead_lettered");
        assertThat(event.path("data").path("code").asText()).isEqualTo("40001");
        assertThat(event.path("data").path("descriptor").path("script_config").path("chatgpt_settings").path("api_key").asText())
                .isEqualTo("***");
        try (Stream<Path> files = Files.list(bridge.dir("events"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).doesNotContain("sk-live-secret");
            }
        }
    }
}
