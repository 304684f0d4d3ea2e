package io.tikmatrix.bridge.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.api.TransientApiException;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.reconcile.AmbiguousCallException;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.submit.Outcomes;
import io.tikmatrix.bridge.submit.ReceiptLine;
import io.tikmatrix.bridge.submit.Submission;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.Rejection;
import io.tikmatrix.bridge.validation.SecretMasker;
import io.tikmatrix.bridge.validation.SecretValues;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the dead-letter record of a descriptor the API will not take (README, "Errors, retries and dead letters") and picks its
 * destination, {@code bridge.dead-letter.<key>}, from the error code.
 */
public class DeadLetters {

    /** Where the dead-letter route sends the record: any Camel URI. */
    public static final String DESTINATION = "tikmatrixDeadLetterUri";

    private static final String PENDING = "tikmatrixDeadLetter";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final BridgeConfig config;
    private final SubmissionJournal journal;
    private final Outcomes outcomes;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final Consumer<Exchange> announcer;

    /** What the journal is told once the record is out of the bridge's hands. */
    private record Pending(String deadLetterKey, Rejection rejection, String withheldDescriptor, List<Long> candidateTaskIds) {
    }

    /** @param announcer stores the record's event in the outbox, inside the journal's transaction */
    public DeadLetters(BridgeConfig config, SubmissionJournal journal, Outcomes outcomes, BridgeMetrics metrics, Clock clock,
                       Consumer<Exchange> announcer) {
        this.config = config;
        this.journal = journal;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.clock = clock;
        this.announcer = announcer;
    }

    /**
     * Builds the record and picks its destination; nothing is written yet. {@link #written} follows once the
     * destination took it.
     */
    public void record(Exchange exchange) throws JsonProcessingException {
        Submission s = Submission.of(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getContext().isStopping() && !(cause instanceof DescriptorRejectedException)) {
            // a stop ends the retries, not the descriptor: the journal keeps its attempts for the next start
            LOG.debug("{}{}: left for the next start after {} attempt(s)", s.where(), s.key(), s.attempts());
            exchange.setRouteStop(true);
            return;
        }
        Rejection rejection = rejectionOf(cause);
        DeadLetterKey key = DeadLetterKey.ofCode(rejection.code());

        ObjectNode record = Json.MAPPER.createObjectNode();
        ObjectNode body = s.descriptor().body();
        ObjectNode masked = body == null ? null : SecretMasker.mask(body);
        record.set("descriptor", masked);
        record.set("source", s.source() == null ? null : s.source().toJson());
        record.put("key", s.key());
        record.put("code", rejection.code());
        record.put("http_status", rejection.httpStatus());
        record.put("reason", rejection.reason());
        if (cause instanceof AmbiguousCallException ambiguous) {
            ArrayNode candidates = record.putArray("candidate_task_ids");
            ambiguous.candidateTaskIds().forEach(candidates::add);
        }
        record.put("attempts", s.attempts());
        record.put("first_attempt_at", Objects.toString(s.firstAttemptAt(), null));
        record.put("last_attempt_at", Objects.toString(s.lastAttemptAt(), null));
        Instant now = clock.instant();
        record.put("dead_lettered_at", now.toString());

        exchange.setProperty(PENDING, new Pending(key.key(), rejection,
                // the record shows secrets masked: a replay takes them back from the journal
                masked != null && !masked.equals(body) ? body.toString() : null,
                cause instanceof AmbiguousCallException ambiguous ? ambiguous.candidateTaskIds() : List.of()));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.FILE_NAME, RecordNames.forKey(s.key(), now));
        // masking by field misses a key quoted where no api_key field is, such as in a reason: hidden by value too
        exchange.getMessage().setBody(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(SecretValues.redact(record)));
        exchange.setProperty(DESTINATION, config.deadLetterUri(key.key()));
    }

    /**
     * The record reached its destination: now the journal may say so, and in the same transaction its event is
     * stored. Written the other way round, a kill between the two would leave a key the journal calls dead-lettered,
     * and so never takes again, with no record anywhere (README, "Exactly once").
     */
    public void written(Exchange exchange) {
        Submission s = Submission.of(exchange);
        Pending pending = exchange.getProperty(PENDING, Pending.class);
        journal.inOneTransaction("record the dead letter of descriptor key " + s.key(), () -> {
            journal.deadLettered(s.key(), pending.withheldDescriptor(), pending.deadLetterKey(), pending.candidateTaskIds());
            announcer.accept(exchange);
        });
        outcomes.record(s, ReceiptLine.deadLettered(s.source(), s.key(), pending.rejection()));
        metrics.deadLetter(pending.deadLetterKey());
        // the place, not the 64-hex key, is what a person looks up; the reason usually starts with it already
        String reason = pending.rejection().reason();
        reason = reason.startsWith(s.where()) ? reason.substring(s.where().length()) : reason;
        LOG.warn("{}dead-lettered under {}{}: {}", s.where(), pending.deadLetterKey(),
                s.attempts() > 1 ? " after " + s.attempts() + " attempts" : "", reason);
        LOG.debug("{}dead-lettered key {}", s.where(), s.key());
    }

    /**
     * The record's destination refused it: the key is let go at once (not held until this bridge stops), so the
     * next read of its file takes it over and settles it again, and the failure goes on to the caller.
     */
    public void notWritten(Exchange exchange) throws Exception {
        Submission s = Submission.of(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        journal.release(s.key());
        LOG.error("{}the dead-letter record could not be written to {}: {}; the descriptor is taken again later", s.where(),
                exchange.getProperty(DESTINATION), cause == null ? "unknown failure" : cause.getMessage());
        throw cause;
    }

    static Rejection rejectionOf(Exception e) {
        if (e instanceof DescriptorRejectedException r) {
            return r.rejection();
        }
        if (e instanceof TransientApiException t) {
            return t.rejection();
        }
        // connection refused or reset, time-outs: the API was never heard
        return Rejection.of(DeadLetterKey.UNREACHABLE, e == null ? "unknown failure" : describe(e));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
