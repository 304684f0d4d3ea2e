package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin port with bridge.admin.token (README, "Operating it", Security): the API and the metrics need
 * {@code Authorization: Bearer <token>}; health stays open but tells a request without it only UP or DOWN. (Bound to
 * loopback here: the rules are the token's, and tests talk to 127.0.0.1 only.)
 */
class TokenAdminPortTest {

    private static final String TOKEN = "s3cret-t0ken-for-the-admin-port";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static AdminClient admin;

    @BeforeAll
    static void start() {
        admin = new AdminClient(BRIDGE.with("bridge.admin.token", TOKEN).startWithAdminPort());
    }

    @Test
    void theApiAndTheMetricsNeedTheToken() {
        for (String path : new String[] {"/api/summary", "/observe/metrics"}) {
            AdminClient.Answer without = admin.get(path);
            AdminClient.Answer wrong = admin.get(path, bearer("s3cret-t0ken-for-the-admin-pork"));
            AdminClient.Answer right = admin.get(path, bearer(TOKEN));

            assertThat(without.status()).as(path).isEqualTo(401);
            assertThat(without.json().path("error").asText()).isEqualTo("this needs Authorization: Bearer <bridge.admin.token>");
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(right.status()).as(path).isEqualTo(200);
        }
        assertThat(admin.post("/api/intake/pause", "").status()).isEqualTo(401);
        assertThat(BRIDGE.bridge().licenceGate().isPaused()).isFalse();
    }

    @Test
    void healthWithoutTheTokenSaysOnlyUpOrDown() {
        // the licence is refused: health is DOWN, with a reason that only a request with the token may read
        BRIDGE.simulator().faults().setPlan(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/observe/health", bearer(TOKEN)).body().contains("40301"));

        AdminClient.Answer without = admin.get("/observe/health");
        AdminClient.Answer askingForAll = admin.get("/observe/health?exposureLevel=full");
        AdminClient.Answer with = admin.get("/observe/health", bearer(TOKEN));

        assertThat(without.status()).isEqualTo(503);
        assertThat(without.body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(askingForAll.body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(admin.get("/observe/health/ready").body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(with.body()).contains("licence").contains("40301");
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
