package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.api.ApiEnvelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reads of TikMatrix's tasks: {@code GET /task} page by page, and {@code GET /task/{id}}. They go
 * through camel-http like the routes' calls, so its time-outs, pool and retries-off (the defaults file's
 * {@code camel.component.http.*}) hold for them too.
 */
public class TaskQueries {

    /** The documented maximum of {@code page_size}: the page size the lists are asked for. */
    static final int PAGE_SIZE = 100;
    /** A million tasks at the documented page size: beyond it the list is taken to be broken, not long. */
    private static final int MAX_PAGES = 10_000;
    private static final int NOT_FOUND = 40401;
    /** The list's items array is undocumented; these are the names it may have. */
    private static final List<String> ITEM_FIELDS = List.of("tasks", "list", "items", "records");
    private static final Logger LOG = LoggerFactory.getLogger(TaskQueries.class);

    private final ProducerTemplate http;
    /** One endpoint for every read, whatever its path and query (headers), so one producer serves them all. */
    private final String endpoint;
    private volatile String shapeSeen;

    /** @param baseUrl {@code tikmatrix.base-url}, without a trailing slash */
    public TaskQueries(ProducerTemplate http, String baseUrl) {
        this.http = http;
        // an error status is an answer to read (it may carry an envelope), not an exception
        this.endpoint = baseUrl + "?throwExceptionOnFailure=false";
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
            JsonNode data = call("/task", pageQuery(query, page, PAGE_SIZE));
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
        JsonNode data = call("/task", pageQuery(query(Map.of("source", "api", "status", String.valueOf(status))), page, pageSize));
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
            return Optional.of(ListedTask.fetched(id, call("/task/" + id, null)));
        } catch (ApiCodeException e) {
            if (e.code == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @param path  below the base URL
     * @param query encoded, or null
     */
    private JsonNode call(String path, String query) throws IOException {
        Exchange answer = http.send(endpoint, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, "GET");
            request.setHeader(Exchange.HTTP_PATH, path);
            request.setHeader(Exchange.HTTP_QUERY, query);
        });
        String what = "GET " + path + (query == null ? "" : "?" + query);
        Exception failure = answer.getException();
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw new IOException(what + ": " + failure, failure);
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        ApiEnvelope envelope = ApiEnvelope.parse(answer.getMessage().getBody(String.class))
                .orElseThrow(() -> new IOException(what + ": HTTP " + status + " without an API envelope"));
        if (!envelope.ok()) {
            throw new ApiCodeException(what, envelope);
        }
        return envelope.data();
    }

    private static String pageQuery(String query, int page, int pageSize) {
        return query + "page=" + page + "&page_size=" + pageSize;
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
