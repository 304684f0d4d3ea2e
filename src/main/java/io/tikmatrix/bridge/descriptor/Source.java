package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a descriptor came from: a line/row/index of an inbox file, or a firing of a schedule.
 * Rendered as {@code {"file": …, "position": …}} or {@code {"schedule": …, "fire_time": …}}.
 */
public record Source(String file, Long position, String schedule, String fireTime) {

    public static Source file(String file, long position) {
        return new Source(file, position, null, null);
    }

    public static Source schedule(String schedule, String fireTime) {
        return new Source(null, null, schedule, fireTime);
    }

    public boolean isFile() {
        return file != null;
    }

    /**
     * Where it came from in the user's words, for reasons and logs: {@code orders.csv row 4} (the header is row 1,
     * as a spreadsheet numbers it), {@code orders.jsonl line 3}, {@code orders.json item 2} (counted from 1, while
     * {@link #position} and the key keep the array index), or {@code schedule morning-warmup at <fire time>}.
     */
    public String place() {
        if (!isFile()) {
            return "schedule " + schedule + " at " + fireTime;
        }
        return file + InboxFileKind.of(file).map(kind -> switch (kind) {
            case CSV -> " row " + position;
            case JSON_LINES -> " line " + position;
            case JSON -> " item " + (position + 1);
        }).orElse(" position " + position);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (isFile()) {
            node.put("file", file);
            node.put("position", position);
        } else {
            node.put("schedule", schedule);
            node.put("fire_time", fireTime);
        }
        return node;
    }

    public static Source fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.hasNonNull("schedule")) {
            return schedule(node.get("schedule").asText(), node.path("fire_time").asText(null));
        }
        return file(node.path("file").asText(null), node.path("position").asLong());
    }
}
