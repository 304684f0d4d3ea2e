package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook over https gets its events: the bridge sets up TLS only at its first https connection (not at every
 * start, see docs/BENCHMARKS.md, session 9), with the JVM's default trust, as it did when TLS was set up at once.
 */
class HttpsWebhookTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path keys;

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    private WebhookReceiver webhook;
    private String trustStoreBefore;
    private String trustStorePasswordBefore;

    @AfterEach
    void putTrustBack() {
        if (webhook != null) {
            webhook.close();
        }
        restore("javax.net.ssl.trustStore", trustStoreBefore);
        restore("javax.net.ssl.trustStorePassword", trustStorePasswordBefore);
    }

    @Test
    void anHttpsWebhookGetsTheEventsOfATask() throws Exception {
        Path keyStore = selfSignedKeyFor127001();
        webhook = new WebhookReceiver(body -> 200, serverTls(keyStore));
        // the JVM's default trust, as a user's would be set up for a webhook with a certificate of their own
        trustStoreBefore = System.getProperty("javax.net.ssl.trustStore");
        trustStorePasswordBefore = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", keyStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);

        bridge.with("bridge.events.endpoints", webhook.url()).start();
        assertThat(webhook.url()).startsWith("https://");
        bridge.drop("warmup.json", """
                {"serials": ["emulator-5554"], "script_name": "account_warmup", "script_config": {"task_duration": 60}}""");
        bridge.awaitReceipt("warmup.json");

        await().atMost(Duration.ofSeconds(20)).until(() -> !webhook.accepted().isEmpty());
        List<WebhookReceiver.Received> accepted = webhook.accepted();
        assertThat(accepted.get(0).event().path("type").asText()).isEqualTo("tikmatrix.task.status.changed");
        assertThat(accepted.get(0).event().path("data").path("task_id").asLong()).isEqualTo(bridge.tasks().get(0).id());
    }

    /** A PKCS12 store with a key and a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path selfSignedKeyFor127001() throws IOException, InterruptedException {
        Path store = keys.resolve("webhook.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        return store;
    }

    private static SSLContext serverTls(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return tls;
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
