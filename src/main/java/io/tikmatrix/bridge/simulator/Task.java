package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A task as the simulator reports it at one moment. The status is a snapshot: the same task read later
 * may have moved on.
 *
 * @param target     the follow/unfollow user or the comment post URL this task was fanned out for; null
 *                   for scripts that are not per target
 * @param stopped    true when the task failed because {@code POST /task/{id}/stop} ended it
 * @param retryCount how many times {@code retry} re-queued it
 */
public record Task(long id, String serial, String username, String scriptName, ObjectNode scriptConfig,
                   String target, TaskStatus status, Instant createdAt, Instant startedAt, Instant finishedAt,
                   boolean stopped, int retryCount) {

    public static final String SOURCE = "api";

    /** The task object of the API's answers. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("serial", serial);
        json.put("username", username);
        json.put("script_name", scriptName);
        json.set("script_config", scriptConfig.deepCopy());
        json.put("target", target);
        json.put("status", status.code());
        json.put("status_text", status.text());
        json.put("source", SOURCE);
        json.put("created_at", text(createdAt));
        json.put("started_at", text(startedAt));
        json.put("finished_at", text(finishedAt));
        json.put("stopped", stopped);
        json.put("retry_count", retryCount);
        return json;
    }

    /** The task object cut to what every answer can be counted on to carry: its id and status. */
    public ObjectNode toMinimalJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("status", status.code());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
