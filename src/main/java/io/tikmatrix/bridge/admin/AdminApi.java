package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TaskStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin API's answers (README, "Operating it"): JSON in, JSON out, a refusal as {@code {"error": …}} with its
 * HTTP status. Each method is one step of routes/admin-api.camel.yaml; the work itself is done by the beans that
 * own it (the licence gate holds intake, the store counts).
 */
public class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String[] TASK_STATUSES = {"pending", "running", "completed", "failed"};

    private final LicenceGate gate;
    private final SubmissionJournal journal;
    private final TaskStore tasks;
    private final EventOutbox outbox;
    private final List<String> endpoints;

    public AdminApi(LicenceGate gate, SubmissionJournal journal, TaskStore tasks, EventOutbox outbox, List<String> endpoints) {
        this.gate = gate;
        this.journal = journal;
        this.tasks = tasks;
        this.outbox = outbox;
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * A request's body, when it has one, is a JSON object: anything else is refused before any step acts on it.
     * The guard already refused one that is too large.
     */
    public void requireJsonBody(Exchange exchange) throws ApiRefusal {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiRefusal(400, "the body must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new ApiRefusal(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code GET /api/summary}: intake, descriptors by state, tasks by status, events waiting. */
    public void summary(Exchange exchange) throws JsonProcessingException {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.set("intake", intake());
        ObjectNode descriptors = summary.putObject("descriptors");
        Map<SubmissionJournal.State, Long> states = journal.countByState();
        for (SubmissionJournal.State state : SubmissionJournal.State.values()) {
            descriptors.put(state.name().toLowerCase(Locale.ROOT), states.getOrDefault(state, 0L));
        }
        ObjectNode taskCounts = summary.putObject("tasks");
        Map<Integer, Long> byStatus = tasks.countByStatus();
        for (int status = 0; status < TASK_STATUSES.length; status++) {
            taskCounts.put(TASK_STATUSES[status], byStatus.getOrDefault(status, 0L));
        }
        ObjectNode waiting = summary.putObject("events_waiting");
        Map<String, Long> byEndpoint = outbox.waitingByEndpoint();
        endpoints.forEach(endpoint -> waiting.put(endpoint, byEndpoint.getOrDefault(endpoint, 0L)));
        answer(exchange, 200, summary);
    }

    /** {@code POST /api/intake/pause}: this bridge takes in no new file or firing until resumed. */
    public void pauseIntake(Exchange exchange) throws JsonProcessingException {
        gate.pause();
        answer(exchange, 200, intake());
    }

    /** {@code POST /api/intake/resume}: intake opens again, as far as the licence lets it. */
    public void resumeIntake(Exchange exchange) throws JsonProcessingException {
        gate.resume();
        answer(exchange, 200, intake());
    }

    /** The answer to a request the API refused ({@link ApiRefusal}), or could not do (500, logged). */
    public void failed(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof ApiRefusal refusal) {
            answer(exchange, refusal.status(), Json.MAPPER.createObjectNode().put("error", refusal.getMessage()));
            return;
        }
        LOG.error("admin API: {} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_URI), e);
        answer(exchange, 500, Json.MAPPER.createObjectNode().put("error", "the bridge could not do this: " + e));
    }

    private ObjectNode intake() {
        ObjectNode intake = Json.MAPPER.createObjectNode();
        intake.put("open", gate.isOpen());
        intake.put("paused", gate.isPaused());
        intake.put("licence", gate.state().name().toLowerCase(Locale.ROOT));
        intake.put("reason", gate.reason());
        return intake;
    }

    static void answer(Exchange exchange, int status, JsonNode body) throws JsonProcessingException {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(body));
    }
}
