package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Optional;

/** The few fields of a task object the bridge reads; the API documents none of them (TikMatrix's API documentation). */
public record ListedTask(long id, int status, String serial, String username) {

    /** An item of a list filtered by {@code status}: the item's own status wins when it has one. */
    static Optional<ListedTask> listed(JsonNode task, int listStatus) {
        return idOf(task).map(id -> of(id, task, listStatus));
    }

    /** A task object's id, under {@code id} or {@code task_id}, as a number or a numeric text. */
    public static Optional<Long> idOf(JsonNode task) {
        JsonNode id = task.hasNonNull("id") ? task.get("id") : task.path("task_id");
        if (!id.isIntegralNumber() && !id.asText().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(id.asLong());
    }

    /** The answer of {@code GET /task/{id}}, which must say the status. */
    static ListedTask fetched(long id, JsonNode task) throws IOException {
        if (!task.path("status").isIntegralNumber()) {
            throw new IOException("GET /task/" + id + ": no status in " + task);
        }
        return of(id, task, task.get("status").asInt());
    }

    private static ListedTask of(long id, JsonNode task, int defaultStatus) {
        JsonNode status = task.path("status");
        return new ListedTask(id, status.isIntegralNumber() ? status.asInt() : defaultStatus,
                text(task, "serial"), text(task, "username"));
    }

    private static String text(JsonNode task, String field) {
        JsonNode value = task.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
