package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.RetrySchedule;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The steps of an event-delivery route (routes/events.camel.yaml): take the endpoint's due outbox rows,
 * send each, and settle it: delivered, due again later, or dead-lettered. The retry state lives in the
 * outbox, so a wait survives a restart and blocks no thread.
 */
public class EventDelivery {

    /** Set by each delivery route: the name of its endpoint. */
    public static final String ENDPOINT = "tikmatrixEventEndpoint";
    /** Set when the event in hand goes to the endpoint's dead-letter folder. */
    public static final String DEAD_LETTERED = "tikmatrixEventDeadLettered";

    private static final String ROW = "tikmatrixOutboxRow";
    /** The rows of this delivery round that were sent: marked together once the round is over. */
    private static final String SENT = "tikmatrixOutboxSent";
    private static final String ROUND = "tikmatrixOutboxRound";
    private static final String DEAD_LETTER_REASON = "tikmatrixEventDeadLetterReason";
    /** The most rows one round takes: a round that took this many is followed by another at once. */
    static final int ROUND_SIZE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final EventOutbox outbox;
    private final Map<String, EventEndpoint> endpoints;
    private final RetrySchedule retry;
    private final Clock clock;

    public EventDelivery(EventOutbox outbox, List<EventEndpoint> endpoints, RetrySchedule retry, Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints.stream().collect(Collectors.toMap(EventEndpoint::name, Function.identity()));
        this.retry = retry;
        this.clock = clock;
    }

    public List<OutboxRow> due(Exchange exchange) {
        // the round's split shares this list with each event's exchange
        exchange.setProperty(SENT, new ArrayList<OutboxRow>());
        List<OutboxRow> rows = outbox.due(exchange.getProperty(ENDPOINT, String.class), clock.instant(), ROUND_SIZE);
        exchange.setProperty(ROUND, rows.size());
        return rows;
    }

    /**
     * Marks what the round sent. A later event of the same task is never in the same round (it waits behind this
     * one), so it goes in the next round, after this mark; a crash before the mark sends the round again, under
     * the same event ids.
     *
     * @return how many rows the round took, sent or not: what {@link DeliveryRounds} decides the next round by
     */
    public int roundOver(Exchange exchange) {
        outbox.delivered(sentInThisRound(exchange));
        return exchange.getProperty(ROUND, Integer.class);
    }

    /** Keeps the rows this bridge is sending its own (bridges sharing a PostgreSQL store, see {@link EventOutbox#renewClaims()}). */
    public int renewClaims() {
        return outbox.renewClaims();
    }

    /** Whether the outbox-claims route has anything to renew: only on a store shared with other bridges. */
    public boolean claimsRows() {
        return outbox.claimsRows();
    }

    public long claimRenewalMillis() {
        return outbox.claimRenewalMillis();
    }

    /** The event's exact bytes as the body, and only the headers its endpoint kind sets. */
    public void prepare(Exchange exchange) {
        OutboxRow row = exchange.getMessage().getBody(OutboxRow.class);
        exchange.setProperty(ROW, row);
        exchange.setProperty(DEAD_LETTERED, false);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(row.json().getBytes(StandardCharsets.UTF_8));
        endpointOf(row).kind().prepare(message, row);
    }

    /** The endpoint answered without an exception; its kind judges the answer. */
    public void answered(Exchange exchange) {
        OutboxRow row = exchange.getProperty(ROW, OutboxRow.class);
        switch (endpointOf(row).kind().outcome(exchange.getMessage())) {
            case DELIVERED -> sentInThisRound(exchange).add(row);
            case REJECTED -> deadLetter(exchange, row, "refused: " + answerOf(exchange));
            case RETRY -> retryOrGiveUp(exchange, row, answerOf(exchange));
        }
    }

    /** Refused, reset, timed out, disk full: worth another try until the budget is spent. */
    public void failed(Exchange exchange) {
        OutboxRow row = exchange.getProperty(ROW, OutboxRow.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        retryOrGiveUp(exchange, row, e == null ? "unknown failure" : e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** The dead-letter folder has the event; the row stops waiting, and later events of its task may go. */
    public void deadLettered(Exchange exchange) {
        OutboxRow row = exchange.getProperty(ROW, OutboxRow.class);
        outbox.deadLettered(row, exchange.getProperty(DEAD_LETTER_REASON, String.class));
    }

    private void retryOrGiveUp(Exchange exchange, OutboxRow row, String reason) {
        int failed = row.attempts() + 1;
        if (retry.exhaustedAfter(failed)) {
            deadLetter(exchange, row, "gave up after " + failed + " attempt(s): " + reason);
            return;
        }
        Instant next = clock.instant().plus(retry.delayAfter(failed));
        outbox.retryLater(row, next, reason);
        LOG.warn("event {} to {} failed (attempt {} of {}), next at {}: {}",
                row.eventId(), row.endpoint(), failed, retry.maxAttempts(), next, reason);
    }

    private void deadLetter(Exchange exchange, OutboxRow row, String reason) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.FILE_NAME, row.eventId() + ".json");
        message.setBody(row.json().getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(DEAD_LETTERED, true);
        exchange.setProperty(DEAD_LETTER_REASON, reason);
        LOG.warn("event {} to {} dead-lettered into {}: {}", row.eventId(), row.endpoint(), endpointOf(row).deadLetterUri(), reason);
    }

    @SuppressWarnings("unchecked")
    private static List<OutboxRow> sentInThisRound(Exchange exchange) {
        return exchange.getProperty(SENT, List.class);
    }

    private EventEndpoint endpointOf(OutboxRow row) {
        return endpoints.get(row.endpoint());
    }

    private static String answerOf(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? "no status" : "HTTP " + status;
    }
}
