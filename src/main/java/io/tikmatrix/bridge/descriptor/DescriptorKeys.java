package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The idempotency key of a descriptor (README, "Descriptors"): a key already submitted is never submitted again. */
public final class DescriptorKeys {

    private DescriptorKeys() {
    }

    /** The user's own {@code id} when given, else {@code <file name>@sha256:<hex>#<position>}. */
    public static String forFileEntry(ObjectNode body, String fileName, String sha256, long position) {
        return forEntry(body, fileOrigin(fileName, sha256), position);
    }

    /**
     * The user's own {@code id} when given, else {@code <origin>#<position>}.
     *
     * @param origin what the entry's container is known by: {@code <file name>@sha256:<hex>} for an inbox file
     *               ({@link #fileOrigin}), {@code <endpoint>@<message id>} for a message from a bus
     */
    public static String forEntry(ObjectNode body, String origin, long position) {
        JsonNode id = body == null ? null : body.get("id");
        if (id != null && !id.isNull() && !id.asText().isBlank()) {
            return id.asText();
        }
        return origin + "#" + position;
    }

    static String fileOrigin(String fileName, String sha256) {
        return fileName + "@sha256:" + sha256;
    }

    /** What every schedule firing's key starts with: {@code schedule:<name>@<fire time>}. */
    public static final String SCHEDULE_FIRING = "schedule:";

    public static String forScheduleFiring(String scheduleName, String fireTime) {
        return SCHEDULE_FIRING + scheduleName + "@" + fireTime;
    }
}
