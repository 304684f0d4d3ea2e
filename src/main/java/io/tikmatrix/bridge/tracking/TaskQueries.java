package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.api.ApiEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The reads of TikMatrix's tasks: {@code GET /task} page by page, and {@code GET /task/{id}}. */
public class TaskQueries {

    /** The documented maximum of {@code page_size}: the page size the lists are asked for. */
    static final int PAGE_SIZE = 100;
    /** A million tasks at the documented page size: beyond it the list is taken to be broken, not long. */
    private static final int MAX_PAGES = 10_000;
    private static final int NOT_FOUND = 40401;
    /** The list's items array is undocumented; these are the names it may have. */
    private static final List<String> ITEM_FIELDS = List.of("tasks", "list", "items", "records");
    private static final Logger LOG = LoggerFactory.getLogger(TaskQueries.class);

    private final String baseUrl;
    private final Duration responseTimeout;
    private final HttpClient http;
    private volatile String shapeSeen;

    public TaskQueries(String baseUrl, Duration connectTimeout, Duration responseTimeout) {
        this.baseUrl = baseUrl;
        this.responseTimeout = responseTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** Every API-created task in {@code status}. */
    public void list(int status, Consumer<ListedTask> each) throws IOException {
        each(Map.of("source", "api", "status", String.valueOf(status)),
                item -> ListedTask.listed(item, status).ifPresent(each));
    }

    /**
     * Every task of GET /task matching the filter (query parameters such as source, status, serial, script_name;
     * values URL-encoded here), page after page until the server's total has been seen or a page comes back
     * empty — whatever page size the server used. A page with no task not seen before also ends it, and so,
     * with a warning, does a bound of 10,000 pages. A task met twice (the list moved while paged)
     * is given once.
     */
    public void each(Map<String, String> filter, Consumer<JsonNode> item) throws IOException {
        String query = query(filter);
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            // a server may serve fewer than asked (its cap), so only its total or an empty page says "done"
            JsonNode data = call(pagePath(query, page, PAGE_SIZE));
            JsonNode items = items(data);
            int before = seen.size();
            for (JsonNode task : items) {
                if (seen.add(identity(task))) {
                    item.accept(task);
                }
            }
            JsonNode total = data.path("total");
            boolean totalSeen = total.canConvertToLong() && seen.size() >= total.asLong();
            // nothing new: a server that ignores page answers page 1 for ever
            if (totalSeen || items.isEmpty() || seen.size() == before) {
                return;
            }
        }
        LOG.warn("GET /task?{}: stopped after {} pages, {} tasks seen; the list did not end", query, MAX_PAGES, seen.size());
    }

    /**
     * One page of the API-created tasks in {@code status}, in the server's order (undocumented), asking for
     * {@code pageSize} tasks; the server may serve fewer. Items without an id are left out.
     */
    public TaskPage page(int status, int page, int pageSize) throws IOException {
        JsonNode data = call(pagePath(query(Map.of("source", "api", "status", String.valueOf(status))), page, pageSize));
        List<ListedTask> tasks = new ArrayList<>();
        items(data).forEach(item -> ListedTask.listed(item, status).ifPresent(tasks::add));
        JsonNode total = data.path("total");
        return new TaskPage(page, tasks, total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty());
    }

    /** How many API-created tasks are in {@code status}, from the total of a one-task page; empty when the server gives none. */
    public OptionalLong count(int status) throws IOException {
        return page(status, 1, 1).total();
    }

    /** @return empty when TikMatrix no longer knows the task (40401) */
    public Optional<ListedTask> get(long id) throws IOException {
        try {
            return Optional.of(ListedTask.fetched(id, call("/task/" + id)));
        } catch (ApiCodeException e) {
            if (e.code == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode call(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(responseTimeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + path, e);
        }
        ApiEnvelope envelope = ApiEnvelope.parse(response.body())
                .orElseThrow(() -> new IOException("GET " + path + ": HTTP " + response.statusCode() + " without an API envelope"));
        if (!envelope.ok()) {
            throw new ApiCodeException(path, envelope);
        }
        return envelope.data();
    }

    private static String pagePath(String query, int page, int pageSize) {
        return "/task?" + query + "page=" + page + "&page_size=" + pageSize;
    }

    /** {@code name=value&} per filter entry, in name order so a filter always asks the same URL. */
    private static String query(Map<String, String> filter) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(filter).forEach((name, value) -> query.append(encode(name)).append('=').append(encode(value)).append('&'));
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The task's id, or the whole item when it has none, so that such items are still given once. */
    private static String identity(JsonNode task) {
        return ListedTask.idOf(task).map(String::valueOf).orElseGet(task::toString);
    }

    private JsonNode items(JsonNode data) throws IOException {
        if (data.isArray()) {
            noteShape("data itself");
            return data;
        }
        for (String field : ITEM_FIELDS) {
            if (data.path(field).isArray()) {
                noteShape("data." + field);
                return data.get(field);
            }
        }
        throw new IOException("GET /task: no task array among " + ITEM_FIELDS + " in " + data);
    }

    private void noteShape(String where) {
        if (!where.equals(shapeSeen)) {
            shapeSeen = where;
            LOG.info("task list: items are in {}", where);
        }
    }

    /** An envelope with a code other than 0. */
    static final class ApiCodeException extends IOException {
        final int code;

        ApiCodeException(String path, ApiEnvelope envelope) {
            super("GET " + path + ": code " + envelope.code() + " " + envelope.message());
            this.code = envelope.code();
        }
    }
}
