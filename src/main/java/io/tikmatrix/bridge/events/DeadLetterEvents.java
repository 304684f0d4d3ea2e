package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.deadletter.RecordNames;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.submit.Submission;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.time.Instant;

/**
 * Announces a dead-lettered descriptor with its dead-letter record as the event's data: the record as
 * written, so secrets are masked exactly as there, and never the raw descriptor.
 */
public class DeadLetterEvents {

    private final EventOutbox outbox;

    public DeadLetterEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void announce(Exchange exchange) throws IOException {
        String key = Submission.of(exchange).key();
        JsonNode record = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        outbox.add(CloudEvents.descriptorDeadLettered(eventId(exchange, key), key, record, Instant.now()));
    }

    /** The record's own file name without .json, so an event and its record are easy to match. */
    private static String eventId(Exchange exchange, String key) {
        String recordName = exchange.getMessage().getHeader(Exchange.FILE_NAME, RecordNames.forKey(key), String.class);
        return "deadletter-" + recordName.replaceFirst("\\.json$", "");
    }
}
