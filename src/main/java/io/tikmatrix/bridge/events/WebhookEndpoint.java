package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code http:}/{@code https:} webhooks: a POST of the event in structured CloudEvents mode with the
 * Standard Webhooks headers, signed when a secret is configured. 2xx delivers; a 4xx other than 408 and 429 says the receiver will never take
 * this event, so it is dead-lettered; anything else (5xx, 408, 429) is worth another try.
 */
final class WebhookEndpoint implements EndpointKind {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final WebhookSignature signature;

    WebhookEndpoint(WebhookSignature signature) {
        this.signature = signature;
    }

    @Override
    public String deliveryUri(String uri) {
        // the answer is judged here, by status code, not by an exception
        return EndpointKind.withOption(uri, "throwExceptionOnFailure", "false");
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        signature.sign(message, row.eventId(), message.getBody(byte[].class));
    }

    @Override
    public Outcome outcome(Message answer) {
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return Outcome.REJECTED;
        }
        return Outcome.RETRY;
    }
}
