package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.api.ApiEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The two reads the status poller makes: {@code GET /task} page by page, and {@code GET /task/{id}}. */
public class TaskQueries {

    static final int PAGE_SIZE = 100;
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

    /** Every API-created task in {@code status}, page by page, until a short page, the total, or a page with nothing new. */
    public void list(int status, Consumer<ListedTask> each) throws IOException {
        Set<Long> seen = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode data = call("/task?source=api&status=" + status + "&page=" + page + "&page_size=" + PAGE_SIZE);
            JsonNode items = items(data);
            int before = seen.size();
            for (JsonNode item : items) {
                ListedTask.listed(item, status).filter(t -> seen.add(t.id())).ifPresent(each);
            }
            boolean lastPage = items.size() < PAGE_SIZE || seen.size() == before
                    || (data.path("total").canConvertToInt() && (long) page * PAGE_SIZE >= data.path("total").asLong());
            if (lastPage) {
                return;
            }
        }
    }

    /** Every task of GET /task matching the filter, page after page (placeholder until paging by total lands). */
    public void each(Map<String, String> filter, Consumer<JsonNode> item) throws IOException {
        StringBuilder query = new StringBuilder();
        filter.forEach((k, v) -> query.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        Set<Long> seen = new HashSet<>();
        for (int page = 1; page < 10_000; page++) {
            JsonNode data = call("/task?" + query + "page=" + page + "&page_size=" + PAGE_SIZE);
            JsonNode items = items(data);
            int before = seen.size();
            for (JsonNode i : items) {
                ListedTask.idOf(i).filter(seen::add).ifPresent(id -> item.accept(i));
            }
            if (items.isEmpty() || seen.size() == before || (data.path("total").canConvertToLong() && seen.size() >= data.path("total").asLong())) {
                return;
            }
        }
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
