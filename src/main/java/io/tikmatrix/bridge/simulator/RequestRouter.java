package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps a request (method and path relative to {@code /api/v1}) to the endpoint that answers it and returns
 * that endpoint's {@code data}; an unknown path is 40401.
 */
final class RequestRouter {

    private static final Pattern TASK_ID = Pattern.compile("\\d{1,18}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TaskApi tasks;
    private final InventoryApi inventory;

    RequestRouter(TaskApi tasks, InventoryApi inventory) {
        this.tasks = tasks;
        this.inventory = inventory;
    }

    /** False for an endpoint this TikMatrix lacks, as an older one would: it answers 404 without an envelope. */
    boolean serves(String method, String path) {
        return inventory.serves(method.toUpperCase() + " " + path);
    }

    JsonNode route(String method, String path, Map<String, String> query, byte[] body) {
        // numeric segments become {id}, so that /task/stats and /task/batch keep their literal routes
        String[] segments = path.split("/");
        long id = 0;
        for (int i = 0; i < segments.length; i++) {
            if (TASK_ID.matcher(segments[i]).matches()) {
                id = Long.parseLong(segments[i]);
                segments[i] = "{id}";
            }
        }
        String route = method.toUpperCase() + " " + String.join("/", segments);
        return switch (route) {
            case "GET /rpc/devices" -> inventory.devices();
            case "GET /accounts" -> inventory.accounts(query);
            case "GET /license/check" -> license();
            case "POST /task" -> tasks.create(jsonObject(body));
            case "GET /task" -> tasks.list(query);
            case "GET /task/stats" -> tasks.stats();
            case "POST /task/retry-all" -> tasks.retryAll();
            case "DELETE /task/batch" -> tasks.delete(taskIds(jsonObject(body)));
            case "GET /task/{id}" -> tasks.get(id);
            case "DELETE /task/{id}" -> tasks.delete(List.of(id));
            case "POST /task/{id}/stop" -> tasks.stop(id);
            case "POST /task/{id}/retry" -> tasks.retry(id);
            default -> throw ApiException.notFound("endpoint " + method + " " + path);
        };
    }

    private static JsonNode license() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("plan_name", "Pro");
        data.put("api_enabled", true);
        data.put("device_limit", 20);
        data.put("message", "API access enabled");
        return data;
    }

    private static ObjectNode jsonObject(byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw ApiException.invalid("request body is not valid JSON: " + e.getMessage());
        }
        throw ApiException.invalid("request body must be a JSON object");
    }

    private static List<Long> taskIds(ObjectNode body) {
        JsonNode ids = body.path("task_ids");
        if (!ids.isArray()) {
            throw ApiException.invalid("task_ids must be an array of task ids");
        }
        List<Long> taskIds = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                throw ApiException.invalid("task_ids must hold integers, found " + id);
            }
            taskIds.add(id.asLong());
        }
        return taskIds;
    }
}
