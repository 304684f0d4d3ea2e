package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin port without a token (README, "Operating it", Security): loopback only, for requests addressed to this
 * machine, from no other site, with bodies it can read.
 */
class LoopbackAdminPortTest {

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static AdminClient admin;
    private static int port;

    @BeforeAll
    static void start() {
        String base = BRIDGE.startWithAdminPort();
        admin = new AdminClient(base);
        port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    @AfterEach
    void intakeOpen() {
        BRIDGE.bridge().licenceGate().resume();
    }

    @Test
    void onLoopbackTheApiAnswersWithoutAToken() {
        AdminClient.Answer summary = admin.get("/api/summary");

        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().path("intake").path("paused").asBoolean()).isFalse();
    }

    @Test
    void anAddressOtherThanLoopbackWithoutATokenStopsTheStartNamingTheKey() {
        try (BridgeHarness exposed = new BridgeHarness()) {
            assertThatThrownBy(() -> exposed.with("bridge.admin.host", "0.0.0.0").startWithAdminPort())
                    .cause().isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> assertThat(p).startsWith("bridge.admin.host: 0.0.0.0 is reachable")));
        }
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedAndChangesNothing() {
        AdminClient.Answer refused = admin.post("/api/intake/pause", "", "Origin", "https://evil.example");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).contains("another site").contains("https://evil.example");
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isFalse();
    }

    @Test
    void aRequestFromThePortsOwnOriginIsTaken() {
        AdminClient.Answer taken = admin.post("/api/intake/pause", "", "Origin", "http://127.0.0.1:" + port);

        assertThat(taken.status()).isEqualTo(200);
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isTrue();
    }

    /** A name an attacker points at 127.0.0.1 (DNS rebinding) makes their page same-site: the Host gives it away. */
    @Test
    void aRequestAddressedToAnotherNameIsRefused() {
        AdminClient.Answer refused = admin.raw("GET /api/summary HTTP/1.1\r\nHost: evil.example:" + port + "\r\n");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"error\"").contains("this machine only");
        assertThat(admin.raw("GET /api/summary HTTP/1.1\r\nHost: localhost:" + port + "\r\n").status()).isEqualTo(200);
    }

    @Test
    void aBodyLargerThan64KbIsRefusedBeforeItIsRead() {
        AdminClient.Answer refused = admin.post("/api/intake/pause", "{\"why\": \"" + "x".repeat(64 * 1024) + "\"}");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("error").asText()).isEqualTo("the body is larger than 65536 bytes");
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isFalse();
    }

    @Test
    void aBodyOfUnknownLengthIsRefused() {
        AdminClient.Answer refused = admin.send(admin.request("/api/intake/pause")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes()))).build());

        assertThat(refused.status()).isEqualTo(411);
        assertThat(refused.json().path("error").asText()).isEqualTo("send the body with a Content-Length");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        AdminClient.Answer notJson = admin.post("/api/intake/pause", "{\"why\": ", "Content-Type", "application/json");
        AdminClient.Answer notAnObject = admin.post("/api/intake/pause", "[1, 2]", "Content-Type", "application/json");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).startsWith("the body is not JSON");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().path("error").asText()).isEqualTo("the body must be a JSON object");
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isFalse();
    }
}
