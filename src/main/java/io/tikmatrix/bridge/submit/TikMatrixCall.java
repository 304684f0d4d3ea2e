package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.ApiAnswers;
import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.api.LicenceDeniedException;
import io.tikmatrix.bridge.api.TransientApiException;
import io.tikmatrix.bridge.json.Json;
import org.apache.camel.Exchange;

import java.time.Clock;

/**
 * One attempt of {@code POST /task} for a descriptor's {@link Submission}: the request before, the reading of the
 * answer after ({@link ApiAnswers} says what it means, this records it on the submission). The call route
 * runs without an error handler so a failed attempt goes back to the submit route, whose redelivery
 * repeats the whole attempt (request included), not just the step that threw.
 */
public class TikMatrixCall {

    private final Clock clock;

    public TikMatrixCall(Clock clock) {
        this.clock = clock;
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
        exchange.getMessage().removeHeaders("CamelHttp*");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsBytes(request));
    }

    public void readAnswer(Exchange exchange) throws TransientApiException, DescriptorRejectedException, LicenceDeniedException {
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
