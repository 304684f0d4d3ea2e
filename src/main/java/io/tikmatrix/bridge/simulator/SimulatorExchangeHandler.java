package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Takes every HTTP exchange through the same steps: record it, apply an injected fault that acts before
 * handling, answer a bare 404 for an endpoint switched off, refuse it when the plan has no API access, else let
 * the router answer; apply a fault that acts
 * after handling; then write the envelope.
 */
final class SimulatorExchangeHandler implements HttpHandler {

    static final String API_ROOT = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorExchangeHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RequestRouter router;
    private final SimulatorFaults faults;
    private final RequestJournal journal;

    SimulatorExchangeHandler(RequestRouter router, SimulatorFaults faults, RequestJournal journal) {
        this.router = router;
        this.faults = faults;
        this.journal = journal;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String fullPath = exchange.getRequestURI().getPath();
            String path = fullPath.startsWith(API_ROOT + "/") ? fullPath.substring(API_ROOT.length()) : fullPath;
            journal.recordRequest(method, path, exchange.getRequestURI().getRawQuery());
            Optional<Fault> fault = faults.take(method, path);
            if (fault.isPresent() && answeredByFault(exchange, fault.get())) {
                LOG.debug("simulator: {} {} -> fault {}", method, fullPath, fault.get());
                return;
            }
            if (!router.serves(method, path)) {
                LOG.debug("simulator: {} {} -> HTTP 404, an endpoint this TikMatrix lacks", method, fullPath);
                send(exchange, 404, "text/plain; charset=utf-8", "404 page not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ApiResponse response = respond(method, path, exchange);
            if (fault.isPresent() && answerWithheld(fault.get())) {
                LOG.debug("simulator: {} {} -> handled (code {}), answer withheld by fault {}",
                        method, fullPath, response.code(), fault.get());
                return;
            }
            LOG.debug("simulator: {} {} -> HTTP {} code {}", method, fullPath, response.httpStatus(), response.code());
            send(exchange, response.httpStatus(), "application/json",
                    MAPPER.writeValueAsBytes(response.envelope()));
        }
    }

    private ApiResponse respond(String method, String path, HttpExchange exchange) throws IOException {
        if (!faults.apiEnabled()) {
            return ApiResponse.error(403, ApiException.NO_API_ACCESS, "API access requires Pro plan or higher");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            return ApiResponse.success(router.route(method, path, query(exchange), body));
        } catch (ApiException e) {
            return ApiResponse.error(faults.httpStatusFor(e.code()), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("simulator: {} {} failed", method, path, e);
            return ApiResponse.error(faults.httpStatusFor(ApiException.INTERNAL_ERROR), ApiException.INTERNAL_ERROR,
                    "internal error: " + e.getMessage());
        }
    }

    /** Applies a fault that acts before the request is handled. @return true when it replaced the answer */
    private static boolean answeredByFault(HttpExchange exchange, Fault fault) throws IOException {
        if (fault instanceof Fault.ErrorEnvelope error) {
            ApiResponse response = ApiResponse.error(error.httpStatus(), error.code(), error.message());
            send(exchange, error.httpStatus(), "application/json", MAPPER.writeValueAsBytes(response.envelope()));
            return true;
        }
        if (fault instanceof Fault.RawStatus raw) {
            send(exchange, raw.httpStatus(), "text/plain; charset=utf-8", raw.body().getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (fault instanceof Fault.Delay delay) {
            return !waited(delay.duration());
        }
        // DropConnection: closing an exchange before any header was sent closes its socket, so the client
        // sees the connection end with no response at all
        return fault instanceof Fault.DropConnection;
    }

    /** Applies a fault that acts once the request was handled. @return true when the answer is not to be written */
    private static boolean answerWithheld(Fault fault) {
        if (fault instanceof Fault.AnswerLate late) {
            return !waited(late.duration());
        }
        // DropAfterHandling: the exchange closes unanswered, as for DropConnection, but its effects stay
        return fault instanceof Fault.DropAfterHandling;
    }

    /** @return false when interrupted: the simulator is closing, the answer is given up and the connection goes with it */
    private static boolean waited(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
