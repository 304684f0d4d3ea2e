package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.config.RetrySchedule;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.store.PendingCommit;
import io.tikmatrix.bridge.store.StoreException;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.tracking.TaskTracker;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import io.tikmatrix.bridge.validation.Rejection;
import io.tikmatrix.bridge.validation.SecretMasker;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/** The steps of the submit route that decide: already submitted? valid? what came back? */
public class SubmitSteps {

    public static final String DUPLICATE = "tikmatrixDuplicate";
    /** The exchange property holding a schedule firing's random wait in milliseconds (routes/schedules.camel.yaml). */
    public static final String JITTER = "tikmatrixJitterMillis";

    private static final Logger LOG = LoggerFactory.getLogger(SubmitSteps.class);

    private final SubmissionJournal journal;
    private final DescriptorValidator validator;
    private final TaskTracker tracker;
    private final RetrySchedule retry;
    private final ToLongFunction<String> highestTaskId;
    private final Outcomes outcomes;
    private final Clock clock;
    private final SaidOnce unknownFieldsWarned = new SaidOnce();

    /** @param highestTaskId the highest task id known of a host, written down with each claim (see Reconciliation) */
    public SubmitSteps(SubmissionJournal journal, DescriptorValidator validator, TaskTracker tracker, RetrySchedule retry,
                       ToLongFunction<String> highestTaskId, Outcomes outcomes, Clock clock) {
        this.journal = journal;
        this.outcomes = outcomes;
        this.validator = validator;
        this.tracker = tracker;
        this.retry = retry;
        this.highestTaskId = highestTaskId;
        this.clock = clock;
    }

    /**
     * Takes the descriptor off the body, where the split put it, and onto the exchange for the whole trip: a fleet's
     * {@link Share} goes to its host, anything else to the one host; one the inbox claimed as it read it
     * ({@link ClaimsAhead.Claimed}) keeps that claim.
     */
    public void begin(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        exchange.setProperty(Submission.PROPERTY, body instanceof Share share ? new Submission(share.descriptor(), share.host(), true)
                : body instanceof ClaimsAhead.Claimed claimed ? new Submission(claimed)
                : new Submission(exchange.getMessage().getBody(Descriptor.class), TrackedTask.ONE_HOST, false));
    }

    /**
     * Claims the key in the journal (or takes the claim queued as its file was read); a key submitted or dead-lettered before is a duplicate and goes no
     * further, a key still in flight elsewhere makes the file wait. A key taken over from a bridge that stopped
     * or died carries its attempts. A replayed dead letter gets back the secrets its record showed masked.
     */
    public void claim(Exchange exchange) throws JsonProcessingException, TakeAgainLaterException {
        Submission s = Submission.of(exchange);
        SubmissionJournal.Claim claim = s.claimedAhead() != null ? s.claimedAhead().take()
                : journal.claim(s.key(), s.descriptor().replay(), highestTaskId.applyAsLong(s.host()));
        if (claim instanceof SubmissionJournal.Earlier earlier && earlier.state() == SubmissionJournal.State.IN_FLIGHT) {
            // its outcome is not known yet: saying "duplicate" now would name no task and could hide a loss
            throw new TakeAgainLaterException(s.where() + s.key() + " is being submitted by another bridge or an earlier"
                    + " drop of the same file; the file is taken again later");
        }
        exchange.setProperty(DUPLICATE, claim instanceof SubmissionJournal.Earlier);
        if (claim instanceof SubmissionJournal.Earlier earlier && earlier.state() == SubmissionJournal.State.DEAD_LETTERED) {
            outcomes.record(s, ReceiptLine.deadLettered(s.source(), s.key(), new Rejection(earlier.deadLetterKey(), null,
                    s.where() + "dead-lettered before under " + earlier.deadLetterKey() + "; drop its dead-letter record into the"
                            + " inbox to submit it again")));
            LOG.debug("{}{}: dead-lettered before under {}; not submitted again", s.where(), s.key(), earlier.deadLetterKey());
            return;
        }
        if (claim instanceof SubmissionJournal.Earlier earlier) {
            outcomes.record(s, ReceiptLine.duplicate(s.source(), s.key(), earlier.taskIds()));
            LOG.debug("{}duplicate {}: already submitted as tasks {}", s.where(), s.key(), earlier.taskIds());
            return;
        }
        SubmissionJournal.Owned owned = (SubmissionJournal.Owned) claim;
        if (owned.attempts() > 0) {
            s.carryOver(owned);
            LOG.info("{}: taking over after {} attempt(s){}", s.key(), owned.attempts(),
                    owned.mayHaveReachedTikMatrix() ? "; the last may have reached TikMatrix and is settled first" : "");
        }
        if (SecretMasker.showsMask(s.descriptor().body())) {
            Optional<String> original = journal.withheldDescriptor(s.key());
            if (original.isPresent()) {
                SecretMasker.restore(s.descriptor().body(), Json.MAPPER.readTree(original.get()));
            }
        }
    }

    public void validate(Exchange exchange) throws DescriptorRejectedException {
        Submission s = Submission.of(exchange);
        Descriptor d = s.descriptor();
        if (d.problem() != null) {
            throw new DescriptorRejectedException(d.problem());
        }
        Optional<Rejection> rejection = validator.validate(d.body());
        if (rejection.isPresent()) {
            throw new DescriptorRejectedException(rejection.get().withReasonPrefix(s.where()));
        }
        Set<String> unknown = validator.unknownConfigFields(d.body());
        if (!unknown.isEmpty()) {
            String script = d.body().path("script_name").asText();
            // a wide file repeats the same columns on every row: the operator needs to hear it once per file
            boolean first = unknownFieldsWarned.add(s.source() == null ? "" : s.source().isFile() ? s.source().file()
                    : s.source().schedule(), script, unknown);
            String message = "{}script_config fields {} are not in the {} schema; passing them through"
                    + (first && s.source() != null && s.source().isFile() ? " (said once for this file)" : "");
            if (first) {
                LOG.warn(message, s.where(), unknown, script);
            } else {
                LOG.debug(message, s.where(), unknown, script);
            }
        }
    }

    /** Waits until the descriptor's tasks are committed, as {@link #recordSubmitted} describes; a schedule's route ends here. */
    public void awaitRecorded(Exchange exchange) {
        Submission.of(exchange).awaitRecorded();
    }

    /** A stopping bridge starts no descriptor and no attempt: the journal keeps them for the next start. */
    public boolean stopping(Exchange exchange) {
        return exchange.getContext().isStopping();
    }

    /**
     * Whether a failed attempt may be followed by another: the attempts this key made before a restart count
     * against the same {@code bridge.retry.max-attempts}.
     */
    public boolean mayRetry(Exchange exchange) {
        return !retry.exhaustedAfter(Submission.of(exchange).attempts());
    }

    /**
     * The wait between the claim and the call: a schedule's jitter, drawn when it fired ({@link #JITTER}), or for a key
     * taken over after a stop the back-off its last attempt had earned. Waited after the claim, so that a stop or a
     * kill meanwhile leaves the key in the journal, to be taken up, rather than a fire time nobody knows of.
     */
    public long delayBeforeCallMillis(Exchange exchange) {
        long jitter = exchange.getProperty(JITTER, 0L, Long.class);
        Submission s = Submission.of(exchange);
        if (s.attempts() == 0 || s.lastAttemptAt() == null) {
            return jitter;
        }
        Instant next = s.lastAttemptAt().plus(retry.delayAfter(s.attempts()));
        return Math.max(jitter, Duration.between(clock.instant(), next).toMillis());
    }

    /**
     * The new tasks, their first events and the key's outcome are written in one transaction: all, or none. It goes
     * with the store's next commit, and the descriptor's thread goes on to its next call meanwhile: the writes of
     * many descriptors then share a commit, which is what an H2 store pays for most (docs/BENCHMARKS.md, session 9).
     * Whoever says the outcome is kept awaits it first ({@link Submission#awaitRecorded}): the receipt of a file or
     * bus message, a schedule's firing. Until then the key is in flight and may have reached TikMatrix, so a bridge
     * killed meanwhile settles it with TikMatrix at its next start and adopts its tasks. When the transaction fails,
     * the claim is released for the file's next reading to settle the same way.
     */
    public void recordSubmitted(Exchange exchange) {
        Submission s = Submission.of(exchange);
        PendingCommit record = journal.inOneTransactionLater("record the tasks of descriptor key " + s.key(), () -> {
            tracker.track(s.host(), s.descriptor(), s.taskIds());
            journal.submitted(s.key(), s.taskIds());
        });
        PendingCommit released = new PendingCommit() {
            @Override
            public void await() {
                try {
                    record.await();
                } catch (StoreException e) {
                    journal.release(s.key());
                    throw new StoreException(s.where() + "the tasks of descriptor key " + s.key() + " could not be recorded", e);
                }
            }

            @Override
            public boolean isCommitted() {
                return record.isCommitted();
            }
        };
        if (s.isShare()) {
            // a fleet's descriptor is said submitted once all its shares are: each share's tasks are kept first
            released.await();
        } else {
            s.recording(released);
        }
        outcomes.record(s, ReceiptLine.submitted(s.source(), s.key(), s.taskIds()));
        LOG.debug("{}submitted {} ({}) as tasks {}", s.where(), s.key(), scriptOf(s.descriptor().body()), s.taskIds());
    }

    private static String scriptOf(ObjectNode body) {
        return body == null ? "?" : body.path("script_name").asText("?");
    }
}
