package io.tikmatrix.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.deadletter.RecordNames;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.submit.Submission;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Announces a dead-lettered descriptor with its dead-letter record as the event's data: the record as
 * written, so secrets are masked exactly as there, and never the raw descriptor.
 */
public class DeadLetterEvents {

    private final EventOutbox outbox;
    private final Clock clock;

    public DeadLetterEvents(EventOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Called inside the journal's transaction that records the dead letter (see DeadLetters#written). */
    public void announce(Exchange exchange) {
        String key = Submission.of(exchange).key();
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (IOException e) {
            // the body is the record DeadLetters wrote a moment ago
            throw new UncheckedIOException("the dead-letter record of " + key + " is not JSON", e);
        }
        Instant now = clock.instant();
        outbox.add(CloudEvents.descriptorDeadLettered(eventId(exchange, key, now), key, record, now));
    }

    /** The record's own file name without .json, so an event and its record are easy to match. */
    private static String eventId(Exchange exchange, String key, Instant now) {
        String recordName = exchange.getMessage().getHeader(Exchange.FILE_NAME, RecordNames.forKey(key, now), String.class);
        return "deadletter-" + recordName.replaceFirst("\\.json$", "");
    }
}
