package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.store.OutboxEvent;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.tracking.StatusText;
import io.tikmatrix.bridge.tracking.TransitionEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents 1.0 JSON documents the bridge publishes (README, "Status events"), written by hand with Jackson:
 * the tracker's transitions, and dead-lettered descriptors.
 */
public final class CloudEvents implements TransitionEvents {

    public static final String SOURCE = "tikmatrix-bridge";
    public static final String STATUS_CHANGED = "tikmatrix.task.status.changed";
    public static final String TASK_MISSING = "tikmatrix.task.missing";
    public static final String DESCRIPTOR_DEAD_LETTERED = "tikmatrix.descriptor.dead_lettered";

    /**
     * The content type of an event in structured mode, written the way every mainstream consumer accepts it:
     * the JavaScript SDK compares it as a string and knows {@code charset=utf-8} in lower case only.
     */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private static final String DATA = "data";
    private static final String DATA_CONTENT_TYPE = "datacontenttype";

    /**
     * An event in binary mode: its context attributes, which a binding puts in the transport's headers, and
     * its data alone as the message, of the type {@code datacontenttype} says.
     */
    record Binary(Map<String, String> attributes, String contentType, byte[] data) {
    }

    /** @param structured an event document as this class writes it */
    static Binary binary(byte[] structured) {
        try {
            JsonNode event = Json.MAPPER.readTree(structured);
            Map<String, String> attributes = new LinkedHashMap<>();
            event.properties().forEach(field -> {
                if (!field.getKey().equals(DATA) && !field.getKey().equals(DATA_CONTENT_TYPE) && !field.getValue().isNull()) {
                    attributes.put(field.getKey(), field.getValue().asText());
                }
            });
            return new Binary(attributes, event.path(DATA_CONTENT_TYPE).asText(), Json.MAPPER.writeValueAsBytes(event.get(DATA)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Id {@code <task_id>-<status>} ({@code <host>-<task_id>-<status>} for a fleet's host, whose ids another host may
     * also use): a consumer that sees it twice may drop the second.
     */
    @Override
    public OutboxEvent statusChanged(TrackedTask task, Integer previousStatus, Instant time) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("status", task.status());
        status.put("status_text", StatusText.of(task.status()));
        status.put("previous_status", previousStatus);
        status.put("previous_status_text", previousStatus == null ? null : StatusText.of(previousStatus));
        ObjectNode data = taskData(task, status);
        String id = taskId(task) + "-" + task.status();
        return new OutboxEvent(id, task.taskId(), write(envelope(id, STATUS_CHANGED, taskId(task), time, data)));
    }

    @Override
    public OutboxEvent taskMissing(TrackedTask task, Instant time) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("last_status", task.status());
        status.put("last_status_text", StatusText.of(task.status()));
        ObjectNode data = taskData(task, status);
        String id = taskId(task) + "-missing";
        return new OutboxEvent(id, task.taskId(), write(envelope(id, TASK_MISSING, taskId(task), time, data)));
    }

    private static String taskId(TrackedTask task) {
        return TrackedTask.ONE_HOST.equals(task.host()) ? Long.toString(task.taskId()) : task.host() + "-" + task.taskId();
    }

    /** @param record the dead-letter record as written, secrets already masked */
    public static OutboxEvent descriptorDeadLettered(String id, String descriptorKey, JsonNode record, Instant time) {
        return new OutboxEvent(id, null, write(envelope(id, DESCRIPTOR_DEAD_LETTERED, descriptorKey, time, record)));
    }

    private static ObjectNode envelope(String id, String type, String subject, Instant time, JsonNode data) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", time.toString());
        event.put(DATA_CONTENT_TYPE, "application/json");
        event.set(DATA, data);
        return event;
    }

    /** The fields in the order README, "Status events", shows them: the task, its status, then what it runs and where it came from. */
    private static ObjectNode taskData(TrackedTask task, ObjectNode status) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("task_id", task.taskId());
        data.put("host", task.host());
        data.setAll(status);
        data.put("script_name", task.scriptName());
        data.put("serial", task.serial());
        data.put("username", task.username());
        data.put("descriptor_key", task.descriptorKey());
        data.set("source", source(task.source()));
        return data;
    }

    private static JsonNode source(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
