package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.submit.TakeAgainLaterException;
import io.tikmatrix.bridge.submit.ReceiptLine;
import io.tikmatrix.bridge.submit.Submission;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers the outcome of each descriptor of a file into the file's receipt, and keeps the file's own
 * exchange as the result so the file consumer still finds its file to archive. A descriptor that ended
 * in neither a task nor a dead letter (the store failed, say) fails the whole file, which then stays in
 * the inbox to be read again: its submitted descriptors come back as duplicates, and nothing is lost.
 */
public class ReceiptCollector implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange previous, Exchange finished) {
        throw new UnsupportedOperationException("the splitter calls aggregate(previous, finished, file)");
    }

    @Override
    public Exchange aggregate(Exchange previous, Exchange finished, Exchange file) {
        if (finished.getException() != null) {
            file.setException(finished.getException());
            return file;
        }
        Submission submission = finished.getProperty(Submission.PROPERTY, Submission.class);
        ReceiptLine line = submission == null ? null : submission.receiptLine();
        if (line == null) {
            file.setException(file.getContext().isStopping()
                    ? new TakeAgainLaterException("the bridge stopped before every descriptor of the file had an outcome;"
                    + " the file stays in the inbox and is taken up at the next start")
                    : new IllegalStateException("descriptor ended without an outcome"));
        } else {
            ReceiptWriter receipt = file.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
            receipt.append(finished.getProperty(Exchange.SPLIT_INDEX, Integer.class), line);
            receipt.recording(submission);
        }
        return file;
    }
}
