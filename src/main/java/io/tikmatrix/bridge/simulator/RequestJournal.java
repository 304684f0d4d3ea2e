package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** What the simulator was asked, for tests to assert on: every request, and the accepted create-task bodies. */
final class RequestJournal {

    /** @param query the raw query string, or null when there was none */
    private record Request(String method, String path, String query) {

        String target() {
            return query == null ? path : path + "?" + query;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final List<JsonNode> acceptedTaskBodies = new ArrayList<>();

    synchronized void recordRequest(String method, String path, String query) {
        requests.add(new Request(method, path, query));
    }

    synchronized void recordAcceptedTaskBody(JsonNode body) {
        acceptedTaskBodies.add(body.deepCopy());
    }

    synchronized int count(RequestMatcher matcher) {
        return (int) requests.stream().filter(request -> matcher.matches(request.method(), request.path())).count();
    }

    synchronized List<String> targets(RequestMatcher matcher) {
        return requests.stream().filter(request -> matcher.matches(request.method(), request.path()))
                .map(Request::target).toList();
    }

    synchronized List<JsonNode> acceptedTaskBodies() {
        return acceptedTaskBodies.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    synchronized void reset() {
        requests.clear();
        acceptedTaskBodies.clear();
    }
}
