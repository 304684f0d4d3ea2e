package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of schedules.yaml (README, "Schedules").
 *
 * @param cron   a Quartz cron expression, seconds first, evaluated in {@code timezone}
 * @param jitter the upper bound of a random delay after each firing, so that several devices do not
 *               act at the same second; it never changes the scheduled fire time, hence not the key
 * @param task   the descriptor each firing submits; shared by all firings, so copy it before changing it
 */
public record Schedule(String name, String cron, ZoneId timezone, Misfire misfire, boolean enabled,
                       Duration jitter, ObjectNode task) {

    public Schedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(task, "task");
        jitter = jitter == null ? Duration.ZERO : jitter;
    }

    /**
     * A fingerprint of the entry as the file gives it (every field, {@code enabled} too): an operator's switch
     * holds until it changes.
     */
    public String definition() {
        String text = String.join("\n", name, cron, timezone.getId(), misfire.name(), Boolean.toString(enabled),
                jitter.toString(), task.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
