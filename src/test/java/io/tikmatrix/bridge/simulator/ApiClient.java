package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to a running simulator, answering the status and the parsed body. */
final class ApiClient {

    record Answer(int httpStatus, String text) {

        JsonNode json() {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        int code() {
            return json().path("code").asInt();
        }

        JsonNode data() {
            return json().path("data");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;

    ApiClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    ApiClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    Answer delete(String path, String json) throws IOException, InterruptedException {
        return send("DELETE", path, json);
    }

    Answer send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Creates tasks and returns their ids, failing the test when the simulator does not accept the body. */
    long[] createTasks(String json) throws IOException, InterruptedException {
        Answer answer = post("/task", json);
        if (answer.code() != 0) {
            throw new AssertionError("task not created: " + answer.text());
        }
        JsonNode ids = answer.data().path("task_ids");
        long[] result = new long[ids.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ids.get(i).asLong();
        }
        return result;
    }
}
