package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The task endpoints' behaviour: each method returns the {@code data} of a success or throws {@link ApiException}. */
final class TaskApi {

    private static final Logger LOG = LoggerFactory.getLogger(TaskApi.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int DEFAULT_PAGE_SIZE = 20;

    private final TaskBook book;
    private final RequestJournal journal;
    private final SimulatorSettings settings;

    TaskApi(TaskBook book, RequestJournal journal, SimulatorSettings settings) {
        this.book = book;
        this.journal = journal;
        this.settings = settings;
    }

    JsonNode create(ObjectNode body) {
        // past the check, script_config is known to be an object
        SimulatedValidation.check(body);
        List<Task> tasks = book.create(body.path("script_name").asText(), (ObjectNode) body.get("script_config"),
                TaskFanOut.drafts(body));
        journal.recordAcceptedTaskBody(body);
        tasks.forEach(TaskApi::logCreated);

        ObjectNode data = JSON.objectNode();
        ArrayNode ids = data.putArray("task_ids");
        tasks.forEach(task -> ids.add(task.id()));
        data.put("created_count", tasks.size());
        return data;
    }

    JsonNode list(Map<String, String> query) {
        int page = Queries.positiveInt(query, "page", 1);
        // the page size really served is echoed, as a client has to page by it
        int pageSize = Math.min(Queries.positiveInt(query, "page_size", DEFAULT_PAGE_SIZE), settings.maxPageSize());
        TaskBook.Listing listing = book.list(filter(query), (long) (page - 1) * pageSize, pageSize);

        ObjectNode data = JSON.objectNode();
        ArrayNode items = data.putArray("tasks");
        listing.page().forEach(task -> items.add(shown(task)));
        data.put("total", listing.total());
        data.put("page", page);
        data.put("page_size", pageSize);
        return data;
    }

    JsonNode get(long id) {
        return shown(book.find(id).orElseThrow(() -> ApiException.notFound("task " + id)));
    }

    JsonNode delete(List<Long> ids) {
        ObjectNode data = JSON.objectNode();
        ArrayNode deleted = data.putArray("deleted");
        book.delete(ids).forEach(deleted::add);
        return data;
    }

    JsonNode stop(long id) {
        return book.stop(id).toJson();
    }

    JsonNode retry(long id) {
        return book.retry(id).toJson();
    }

    JsonNode retryAll() {
        return JSON.objectNode().put("retried", book.retryAllFailed());
    }

    JsonNode stats() {
        Map<TaskStatus, Integer> counts = book.countByStatus();
        ObjectNode data = JSON.objectNode();
        data.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        counts.forEach((status, count) -> data.put(status.text(), count));
        return data;
    }

    private JsonNode shown(Task task) {
        return settings.minimalTaskObjects() ? task.toMinimalJson() : task.toJson();
    }

    private static Predicate<Task> filter(Map<String, String> query) {
        Predicate<Task> filter = task -> true;
        if (query.containsKey("status")) {
            int status = Queries.integer(query, "status");
            filter = filter.and(task -> task.status().code() == status);
        }
        if (query.containsKey("serial")) {
            filter = filter.and(task -> query.get("serial").equals(task.serial()));
        }
        if (query.containsKey("script_name")) {
            filter = filter.and(task -> query.get("script_name").equals(task.scriptName()));
        }
        if (query.containsKey("source")) {
            filter = filter.and(task -> Task.SOURCE.equals(query.get("source")));
        }
        return filter;
    }

    private static void logCreated(Task task) {
        String on = task.serial() != null ? task.serial() : task.username();
        String target = task.target() == null ? "" : " (" + task.target() + ")";
        LOG.debug("simulator: created task {} {} on {}{}", task.id(), task.scriptName(), on, target);
    }
}
