package io.tikmatrix.bridge.admin;

import io.tikmatrix.bridge.support.AdminClient;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files on a bridge with bridge.admin.token (README, "Console"): the page and its files load without
 * the token, since they hold no data, while the API behind them still needs it; nothing but the console's own files
 * is served, and the page cannot be framed by another site.
 */
class ConsolePageServedTest {

    private static final String TOKEN = "console-t0ken-for-the-admin-port";

    @RegisterExtension
    static final BridgeHarness BRIDGE = new BridgeHarness();

    private static AdminClient admin;

    @BeforeAll
    static void start() {
        admin = new AdminClient(BRIDGE.with("bridge.admin.token", TOKEN).startWithAdminPort());
    }

    @Test
    void thePageAndItsFilesLoadWithoutTheTokenAndTheApiStillNeedsIt() {
        HttpResponse<String> page = admin.response(admin.request("/").GET().build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script src=\"console/console.js\" defer></script>");
        assertThat(admin.get("/console/console.js").body()).contains("/api/summary");
        assertThat(admin.get("/console/messages/hi.json").json().path("view.files").asText()).isEqualTo("फ़ाइलें");
        assertThat(admin.get("/api/summary").status()).isEqualTo(401);
        assertThat(admin.get("/api/summary", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void nothingButTheConsolesOwnFilesIsServed() {
        assertThat(admin.get("/console/nothing.js").status()).isEqualTo(404);
        assertThat(admin.get("/console/..%2Fio%2Ftikmatrix%2Fbridge%2Fdefaults.properties").status()).isEqualTo(404);
        // the guard sees the path as resolved: /io/…, not a console file
        assertThat(admin.get("/console/../io/tikmatrix/bridge/defaults.properties").status()).isEqualTo(401);
        assertThat(admin.get("/io/tikmatrix/bridge/defaults.properties").status()).isEqualTo(401);
        // the files are read, never written: any other method needs the token like the API
        assertThat(admin.post("/console/console.js", "").status()).isEqualTo(401);
        assertThat(admin.post("/", "", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(405);
    }
}
