package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.submit.ReceiptLine;
import io.tikmatrix.bridge.submit.Submission;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the outcome of each descriptor of a file into the file's receipt. A descriptor that ended in
 * neither a task nor a dead letter (the store failed, say) fails the whole file, which then stays in the
 * inbox to be read again: its submitted descriptors come back as duplicates, and nothing is lost.
 */
public class ReceiptCollector implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange previous, Exchange finished) {
        Exchange result = previous == null ? finished : previous;
        if (finished.getException() != null) {
            result.setException(finished.getException());
            return result;
        }
        Submission submission = finished.getProperty(Submission.PROPERTY, Submission.class);
        ReceiptLine line = submission == null ? null : submission.receiptLine();
        ReceiptWriter receipt = finished.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
        if (line == null) {
            result.setException(new IllegalStateException("descriptor ended without an outcome"));
        } else if (receipt != null) {
            receipt.append(line);
        }
        return result;
    }
}
