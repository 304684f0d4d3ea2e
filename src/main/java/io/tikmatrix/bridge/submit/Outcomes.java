package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.metrics.BridgeMetrics;

/**
 * Where what became of a descriptor is written down: its receipt line, and its count in
 * {@code tikmatrix_bridge_descriptors_total}. Every step that decides an outcome goes through here, so the two
 * cannot disagree.
 */
public class Outcomes {

    private final BridgeMetrics metrics;

    public Outcomes(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    /** A fleet's descriptor is counted once, with the outcome its hosts' parts make together ({@link HostShares}). */
    public void record(Submission s, ReceiptLine line) {
        s.receiptLine(line);
        if (s.isShare()) {
            return;
        }
        // a replayed dead letter keeps the source of the descriptor it replays
        metrics.descriptor(line.outcome(), s.source() == null || s.source().isFile() ? "inbox" : "schedule");
    }
}
