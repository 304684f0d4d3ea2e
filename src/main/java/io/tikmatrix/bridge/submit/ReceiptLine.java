package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.validation.Rejection;

import java.util.List;

/** What became of one descriptor, as its file's receipt lists it (README, "Errors, retries and dead letters"). */
public record ReceiptLine(Long position, String key, String outcome, List<Long> taskIds, String code, String reason) {

    public static final String SUBMITTED = "submitted";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String DUPLICATE = "duplicate";

    public static ReceiptLine submitted(Source source, String key, List<Long> taskIds) {
        return new ReceiptLine(position(source), key, SUBMITTED, taskIds, null, null);
    }

    public static ReceiptLine duplicate(Source source, String key, List<Long> earlierTaskIds) {
        return new ReceiptLine(position(source), key, DUPLICATE, earlierTaskIds, null, null);
    }

    public static ReceiptLine deadLettered(Source source, String key, Rejection rejection) {
        return new ReceiptLine(position(source), key, DEAD_LETTERED, List.of(), rejection.code(), rejection.reason());
    }

    private static Long position(Source source) {
        return source == null ? null : source.position();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("position", position);
        node.put("key", key);
        node.put("outcome", outcome);
        ArrayNode ids = node.putArray("task_ids");
        taskIds.forEach(ids::add);
        node.put("code", code);
        node.put("reason", reason);
        return node;
    }
}
