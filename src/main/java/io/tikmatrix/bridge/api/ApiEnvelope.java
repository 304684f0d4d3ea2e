package io.tikmatrix.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.json.Json;

import java.util.Optional;

/**
 * The {@code {"code", "message", "data"}} envelope of the TikMatrix API. The API may put an error code
 * in an HTTP 200 or a success in anything, so the envelope's {@code code} decides, not the HTTP status.
 */
public record ApiEnvelope(int code, String message, JsonNode data) {

    public static final int OK = 0;
    public static final int LICENCE_DENIED = 40301;
    public static final int INTERNAL_ERROR = 50001;

    /** @return the envelope, or empty when the body is not one (a proxy's error page, an empty body) */
    public static Optional<ApiEnvelope> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject() || !node.path("code").isIntegralNumber()) {
                return Optional.empty();
            }
            return Optional.of(new ApiEnvelope(node.get("code").asInt(), node.path("message").asText(""), node.path("data")));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    public boolean ok() {
        return code == OK;
    }
}
