package io.tikmatrix.bridge.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code X-TikMatrix-Signature: sha256=<hex>}, the HMAC-SHA256 of the exact body bytes under
 * {@code bridge.events.webhook.secret}, so a receiver can tell the bridge's events from anyone else's.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-TikMatrix-Signature";

    private final byte[] secret;

    /** @param secret empty: events are sent unsigned */
    public WebhookSignature(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    public Optional<String> sign(byte[] body) {
        if (secret.length == 0) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Optional.of("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
