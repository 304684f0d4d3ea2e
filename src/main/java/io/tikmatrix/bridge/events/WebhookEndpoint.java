package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.CamelUris;
import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.nio.charset.StandardCharsets;

/**
 * {@code http:}/{@code https:} webhooks: a POST of the event by the CloudEvents HTTP binding, structured
 * (the default: the whole document, which most receivers expect) or binary ({@code ce-*} headers, the data as
 * the body), with the Standard Webhooks headers, signed when a secret is configured. 2xx delivers; a 4xx other
 * than 408 and 429 says the receiver will never take this event, so it is dead-lettered; anything else (5xx,
 * 408, 429) is worth another try.
 */
final class WebhookEndpoint implements EndpointKind {

    static final String ATTRIBUTE_PREFIX = "ce-";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final EventMode mode;
    private final WebhookSignature signature;

    WebhookEndpoint(EventMode mode, WebhookSignature signature) {
        this.mode = mode;
        this.signature = signature;
    }

    @Override
    public String deliveryUri(String uri) {
        // the answer is judged here, by status code, not by an exception
        return CamelUris.withOption(uri, "throwExceptionOnFailure", "false");
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        if (mode == EventMode.BINARY) {
            CloudEvents.Binary event = CloudEvents.binary(message.getBody(byte[].class));
            event.attributes().forEach((name, value) -> message.setHeader(ATTRIBUTE_PREFIX + name, percentEncoded(value)));
            message.setHeader(Exchange.CONTENT_TYPE, event.contentType());
            message.setBody(event.data());
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, CloudEvents.STRUCTURED_CONTENT_TYPE);
        }
        // what is signed is the body as it goes out, in either mode
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

    /**
     * As the HTTP binding asks of a {@code ce-*} value: space, {@code "}, {@code %} and everything outside
     * printable ASCII percent-encoded as UTF-8 (a dead letter's subject is its key, which may hold any file name).
     */
    static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > ' ' && c <= '~' && c != '"' && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }
}
