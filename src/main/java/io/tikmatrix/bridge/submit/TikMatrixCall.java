package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Timer;
import io.tikmatrix.bridge.api.ApiAnswers;
import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.api.LicenceDeniedException;
import io.tikmatrix.bridge.api.TransientApiException;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * One attempt of {@code POST /task} for a descriptor's {@link Submission}: the request before, the reading of the
 * answer after ({@link ApiAnswers} says what it means, this records it on the submission). The call route
 * runs without an error handler so a failed attempt goes back to the submit route, whose redelivery
 * repeats the whole attempt (request included), not just the step that threw.
 */
public class TikMatrixCall {

    /** The exchange property that times the request in flight ({@link BridgeMetrics#callStarted}). */
    private static final String CALL = "tikmatrixCall";
    /** The exchange property {@link #post} sends to, set by {@link #prepareRequest}: {@code POST /task} of the submission's host. */
    private static final String TASK_URL = "tikmatrixTaskUrl";

    private final BridgeMetrics metrics;
    private final Clock clock;
    private final Map<String, String> baseUrls;
    private final HttpClient client;

    /**
     * @param baseUrls each host's API base URL, by host name
     * @param client   the kept-alive client of every host's {@code POST /task}
     */
    public TikMatrixCall(BridgeMetrics metrics, Clock clock, Map<String, String> baseUrls, HttpClient client) {
        this.metrics = metrics;
        this.clock = clock;
        this.baseUrls = Map.copyOf(baseUrls);
        this.client = client;
    }

    /** Counts the attempt; the call route asked the licence gate first. */
    public void beginAttempt(Exchange exchange) {
        Submission.of(exchange).attempt(clock.instant());
    }

    public void prepareRequest(Exchange exchange) throws JsonProcessingException {
        Submission s = Submission.of(exchange);
        ObjectNode request = s.descriptor().body().deepCopy();
        request.remove("id");
        // the answer of the previous attempt must not leak into this one; Camel's own headers
        // (the redelivery counter among them) must stay
        exchange.getMessage().removeHeader(Exchange.HTTP_RESPONSE_CODE);
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(request));
        exchange.setProperty(TASK_URL, baseUrls.get(s.host()) + "/task");
    }

    /**
     * Posts the prepared request and puts TikMatrix's answer, whatever its status, in the message: its status code
     * in {@code CamelHttpResponseCode} and its body as text, as camel-http with {@code throwExceptionOnFailure=false}
     * would. A request that gets no answer (refused, reset, timed out) throws.
     */
    public void post(Exchange exchange) throws IOException {
        HttpPost request = new HttpPost(exchange.getProperty(TASK_URL, String.class));
        request.setEntity(new ByteArrayEntity(exchange.getMessage().getBody(byte[].class), ContentType.APPLICATION_JSON));
        Message message = exchange.getMessage();
        client.execute(request, response -> {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, response.getCode());
            message.setBody(response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
            return null;
        });
    }

    /** The request leaves now: it is in flight, and timed, until its answer is read or it fails without one. */
    public void sending(Exchange exchange) {
        exchange.setProperty(CALL, metrics.callStarted());
    }

    /**
     * The request failed without an answer (refused, reset, timed out): counted as a transient result, and the
     * failure goes on to the submit route's retry as it is.
     */
    public void unanswered(Exchange exchange) throws Exception {
        metrics.callEnded(exchange.getProperty(CALL, Timer.Sample.class), BridgeMetrics.TRANSIENT);
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    public void readAnswer(Exchange exchange) throws TransientApiException, DescriptorRejectedException, LicenceDeniedException {
        Timer.Sample call = exchange.getProperty(CALL, Timer.Sample.class);
        try {
            read(exchange);
            metrics.callEnded(call, BridgeMetrics.OK);
        } catch (TransientApiException e) {
            metrics.callEnded(call, BridgeMetrics.TRANSIENT);
            throw e;
        } catch (DescriptorRejectedException | LicenceDeniedException e) {
            metrics.callEnded(call, BridgeMetrics.REJECTED);
            throw e;
        }
    }

    private void read(Exchange exchange) throws TransientApiException, DescriptorRejectedException, LicenceDeniedException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        Submission s = Submission.of(exchange);
        // a definite answer settles the attempt; a 50001 or a 5xx without envelope may come after the task
        // was made, so those stay to be settled with TikMatrix before the next attempt
        try {
            s.taskIds(ApiAnswers.taskIds(status, body));
            s.answered();
        } catch (LicenceDeniedException e) {
            s.refusedForLicence();
            throw e;
        } catch (DescriptorRejectedException e) {
            s.answered();
            throw e;
        }
    }
}
