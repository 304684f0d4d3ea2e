package io.tikmatrix.bridge.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** File names for dead-letter records: sortable by time, recognisable by key, safe on every file system. */
public final class RecordNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_KEY_PART = 80;

    private RecordNames() {
    }

    /** @param at when the record is written */
    public static String forKey(String key, Instant at) {
        String safe = key.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > MAX_KEY_PART) {
            safe = safe.substring(0, MAX_KEY_PART);
        }
        // the short hash keeps two long keys with the same prefix apart
        return STAMP.format(at) + "-" + safe + "-" + shortHash(key) + ".json";
    }

    private static String shortHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
