package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One answer in the API's envelope {@code {"code", "message", "data"}}, with the HTTP status it goes out under. */
record ApiResponse(int httpStatus, int code, String message, JsonNode data) {

    static ApiResponse success(JsonNode data) {
        return new ApiResponse(200, 0, "success", data);
    }

    static ApiResponse error(int httpStatus, int code, String message) {
        return new ApiResponse(httpStatus, code, message, JsonNodeFactory.instance.nullNode());
    }

    ObjectNode envelope() {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.set("data", data);
        return envelope;
    }
}
