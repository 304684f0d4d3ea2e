package io.tikmatrix.bridge.events;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks are Standard Webhooks: the reference library verifies every delivery under either secret while
 * they rotate, and refuses a tampered body, a wrong secret and an old timestamp; the id stays the event's
 * across attempts while each attempt has its own timestamp; the secrets are written nowhere.
 */
class StandardWebhooksTest {

    private static final String NEW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OLD_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "the secret before the rotation".getBytes(StandardCharsets.UTF_8));
    private static final String WRONG_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "nobody's secret at all".getBytes(StandardCharsets.UTF_8));

    /** Each event is refused on its first attempt, so each is sent twice. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final WebhookReceiver webhook = new WebhookReceiver(body -> seen.add(new String(body, StandardCharsets.UTF_8)) ? 500 : 200);

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();
    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness(SimulatorSettings.defaults()
            .withClock(new ManualClock(Instant.parse("2026-11-28T09:00:00Z"))));

    @AfterEach
    void stopWebhook() {
        webhook.close();
    }

    @Test
    void everyAttemptIsVerifiedByTheReferenceLibraryUnderEitherSecret() throws Exception {
        bridge.with("bridge.events.endpoints", webhook.url())
                .with("bridge.events.webhook.secret", NEW_SECRET + ", " + OLD_SECRET)
                // a retry at least a second later, so its timestamp differs from the first attempt's
                .with("bridge.events.retry.initial-delay", "1s")
                .with("bridge.events.retry.max-delay", "1s")
                .start();
        bridge.drop("follow.json", """
                {"serials": ["emulator-5554"], "script_name": "follow", "script_config": {"target_users": ["@a", "@b"]}}""");

        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.accepted().size() == 2);

        List<WebhookReceiver.Received> attempts = webhook.received();
        assertThat(attempts).hasSize(4);
        for (WebhookReceiver.Received attempt : attempts) {
            String payload = new String(attempt.body(), StandardCharsets.UTF_8);
            new Webhook(NEW_SECRET).verify(payload, attempt.headers());
            new Webhook(OLD_SECRET).verify(payload, attempt.headers());
            assertThat(attempt.header("webhook-id")).isEqualTo(attempt.event().path("id").asText());
            assertThat(attempt.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            assertThat(Long.parseLong(attempt.header("webhook-timestamp")))
                    .isBetween(Instant.now().minusSeconds(30).getEpochSecond(), Instant.now().getEpochSecond());
        }
        for (WebhookReceiver.Received accepted : webhook.accepted()) {
            WebhookReceiver.Received refused = attempts.stream()
                    .filter(a -> a.answered() == 500 && a.header("webhook-id").equals(accepted.header("webhook-id")))
                    .findFirst().orElseThrow();
            assertThat(Long.parseLong(accepted.header("webhook-timestamp")))
                    .as("a fresh timestamp per attempt").isGreaterThan(Long.parseLong(refused.header("webhook-timestamp")));
        }

        WebhookReceiver.Received delivery = webhook.accepted().get(0);
        String payload = new String(delivery.body(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new Webhook(NEW_SECRET).verify(payload.replace("\"status\":0", "\"status\":2"), delivery.headers()))
                .as("a tampered body").isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WRONG_SECRET).verify(payload, delivery.headers()))
                .as("a wrong secret").isInstanceOf(WebhookVerificationException.class);

        String written = logs.all() + everythingWrittenUnder(bridge.dataDir());
        for (String secret : List.of(NEW_SECRET, OLD_SECRET)) {
            assertThat(written).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
        }
    }

    /** A request captured and sent again six minutes later is refused, though its signature is right. */
    @Test
    void aRequestSignedMoreThanFiveMinutesAgoIsRefusedAsAReplay() throws Exception {
        byte[] body = "{\"id\":\"1042-2\"}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> keys = List.of(Base64.getDecoder().decode(NEW_SECRET.substring("whsec_".length())));
        Message now = signed(new WebhookSignature(keys, Clock.systemUTC()), body);
        Message replayed = signed(new WebhookSignature(keys, Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC)), body);

        new Webhook(NEW_SECRET).verify(new String(body, StandardCharsets.UTF_8), headersOf(now));
        assertThatThrownBy(() -> new Webhook(NEW_SECRET).verify(new String(body, StandardCharsets.UTF_8), headersOf(replayed)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("too old");
    }

    private static Message signed(WebhookSignature signature, byte[] body) {
        Message message = new DefaultMessage(new DefaultCamelContext());
        signature.sign(message, "1042-2", body);
        return message;
    }

    private static HttpHeaders headersOf(Message message) {
        Map<String, List<String>> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> headers.put(name, List.of(value.toString())));
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    private static String everythingWrittenUnder(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
