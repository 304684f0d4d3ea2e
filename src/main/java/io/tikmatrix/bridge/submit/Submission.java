package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.Source;
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
    private int attempts;
    private Instant firstAttemptAt;
    private Instant lastAttemptAt;
    private List<Long> taskIds = List.of();
    private ReceiptLine receiptLine;

    public Submission(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    public static Submission of(Exchange exchange) {
        Submission s = exchange.getProperty(PROPERTY, Submission.class);
        if (s == null) {
            throw new IllegalStateException("no descriptor on exchange " + exchange.getExchangeId());
        }
        return s;
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    public String key() {
        return descriptor.key();
    }

    public Source source() {
        return descriptor.source();
    }

    public synchronized void attempt(Instant now) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = now;
        }
        lastAttemptAt = now;
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
}
