package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.store.PendingCommit;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TrackedTask;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.List;

/**
 * The state of one descriptor's trip through the submit route, kept as one exchange property so that
 * the message body is free for the HTTP call and the dead-letter record.
 */
public final class Submission {

    public static final String PROPERTY = "tikmatrixSubmission";

    private final Descriptor descriptor;
    private final String host;
    private final boolean share;
    private int attempts;
    private Instant firstAttemptAt;
    private Instant lastAttemptAt;
    private boolean mayHaveReachedTikMatrix;
    private long highestTaskIdBefore;
    private boolean adopted;
    private List<Long> taskIds = List.of();
    private ReceiptLine receiptLine;
    /** Its claim, queued as its file was read ({@link ClaimsAhead}); null when it is claimed on its way. */
    private ClaimsAhead.Claimed claimedAhead;
    /** Its tasks' record, queued for the store's next commit (SubmitSteps#recordSubmitted); null until then. */
    private volatile PendingCommit record;

    /**
     * @param host  the TikMatrix host the descriptor goes to (TrackedTask.ONE_HOST when the bridge drives one)
     * @param share whether it is one host's part of a fleet's descriptor ({@link Share}), which counts as no descriptor
     */
    public Submission(Descriptor descriptor, String host, boolean share) {
        this.descriptor = descriptor;
        this.host = host;
        this.share = share;
    }

    /** A descriptor whose claim was queued as its file was read. */
    Submission(ClaimsAhead.Claimed claimed) {
        this(claimed.descriptor(), TrackedTask.ONE_HOST, false);
        this.claimedAhead = claimed;
    }

    public static Submission of(Exchange exchange) {
        Submission s = exchange.getProperty(PROPERTY, Submission.class);
        if (s == null) {
            throw new IllegalStateException("no descriptor on exchange " + exchange.getExchangeId());
        }
        return s;
    }

    /** Its claim queued as its file was read, or null. */
    ClaimsAhead.Claimed claimedAhead() {
        return claimedAhead;
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    public String host() {
        return host;
    }

    public boolean isShare() {
        return share;
    }

    public String key() {
        return descriptor.key();
    }

    public Source source() {
        return descriptor.source();
    }

    /** "orders.csv row 4: " — so a reason says where to look, in the user's words. */
    public String where() {
        Source source = source();
        return source == null ? "" : source.place() + ": ";
    }

    /** Picks up where a bridge that stopped or died left this key: its attempts count against the same budget. */
    public synchronized void carryOver(SubmissionJournal.Owned claim) {
        attempts = claim.attempts();
        firstAttemptAt = claim.firstAttemptAt();
        lastAttemptAt = claim.lastAttemptAt();
        mayHaveReachedTikMatrix = claim.mayHaveReachedTikMatrix();
        highestTaskIdBefore = claim.highestTaskIdBefore() == null ? 0 : claim.highestTaskIdBefore();
    }

    public synchronized void attempt(Instant now) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = now;
        }
        lastAttemptAt = now;
    }

    /** The POST is about to leave: until its answer is read it may have created tasks. */
    public synchronized void posting(long highestTaskIdKnown) {
        mayHaveReachedTikMatrix = true;
        highestTaskIdBefore = highestTaskIdKnown;
    }

    /** The answer was read (tasks or a refusal): nothing is left to settle. */
    public synchronized void answered() {
        mayHaveReachedTikMatrix = false;
    }

    /**
     * The attempt was answered 40301: a definite answer (TikMatrix made nothing), and a plan problem is not the
     * descriptor's, so the attempt is not counted against its budget.
     */
    public synchronized void refusedForLicence() {
        attempts--;
        mayHaveReachedTikMatrix = false;
    }

    public synchronized boolean mayHaveReachedTikMatrix() {
        return mayHaveReachedTikMatrix;
    }

    public synchronized long highestTaskIdBefore() {
        return highestTaskIdBefore;
    }

    /** TikMatrix already holds this descriptor's tasks, made by an attempt whose answer was lost. */
    public synchronized void adopt(List<Long> ids) {
        taskIds = List.copyOf(ids);
        adopted = true;
        mayHaveReachedTikMatrix = false;
    }

    /** Whether a POST is still to be made: false once earlier tasks were adopted. */
    public synchronized boolean needsPost() {
        return !adopted;
    }

    public synchronized int attempts() {
        return attempts;
    }

    public synchronized Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public synchronized Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public List<Long> taskIds() {
        return taskIds;
    }

    public void taskIds(List<Long> ids) {
        this.taskIds = List.copyOf(ids);
    }

    public ReceiptLine receiptLine() {
        return receiptLine;
    }

    public void receiptLine(ReceiptLine line) {
        this.receiptLine = line;
    }

    public void recording(PendingCommit record) {
        this.record = record;
    }

    /**
     * Returns once the record of its tasks is committed; at once when there is none (a duplicate, a dead letter).
     *
     * @throws io.tikmatrix.bridge.store.StoreException when the record failed: its claim is released to be settled again
     */
    public void awaitRecorded() {
        PendingCommit r = record;
        if (r != null) {
            r.await();
        }
    }

    /** Without waiting: whether the record of its tasks is committed, or there is none to commit. */
    public boolean isRecorded() {
        PendingCommit r = record;
        return r == null || r.isCommitted();
    }
}
