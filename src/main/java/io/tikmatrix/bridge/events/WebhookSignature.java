package io.tikmatrix.bridge.events;

import org.apache.camel.Message;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks (README, "Webhook"): {@code webhook-id} is the event id, the same on every attempt, so a
 * receiver can drop a repeat; {@code webhook-timestamp} is the attempt's own, so a receiver can refuse an old
 * request replayed; {@code webhook-signature} is {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} under
 * each key of {@code bridge.events.webhook.secret}, space-separated, so while a secret is rotated a receiver
 * holding either the old or the new one accepts the request.
 */
public final class WebhookSignature {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private static final String HMAC = "HmacSHA256";

    private final List<byte[]> keys;
    private final Clock clock;

    /** @param keys the decoded secrets, see {@code BridgeConfig.webhookSecrets}; none: requests go unsigned */
    public WebhookSignature(List<byte[]> keys, Clock clock) {
        this.keys = List.copyOf(keys);
        this.clock = clock;
    }

    /** Sets the headers of one attempt to send {@code body}, the exact bytes that go out. */
    void sign(Message message, String eventId, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        message.setHeader(ID, eventId);
        message.setHeader(TIMESTAMP, timestamp);
        if (keys.isEmpty()) {
            return;
        }
        byte[] signed = concat((eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        message.setHeader(SIGNATURE, keys.stream()
                .map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" ")));
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
