package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.DescriptorReader;
import io.tikmatrix.bridge.store.StoreException;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TrackedTask;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Claims the descriptors of a file (or bus message) as the split reads them, ahead of their calls: it reads a batch
 * at a time and queues the batch's claims, and the first of them whose thread needs its claim commits them all. One
 * commit per batch instead of one per descriptor shared only with the threads waiting at that moment; a commit is
 * what an H2 store pays for most (docs/BENCHMARKS.md, session 10).
 * <p>
 * A claim stands for a first attempt that may have reached TikMatrix, so a bridge killed meanwhile settles the
 * descriptors read ahead at its next start, asking TikMatrix (README, "Exactly once"). A descriptor that goes no
 * further while the bridge runs (it stops, intake is held, the file fails) has its claim withdrawn once the file's
 * exchange is done. A fleet's descriptors are claimed share by share, as before; a replayed dead letter too.
 */
public final class ClaimsAhead {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsAhead.class);

    private final SubmissionJournal journal;
    private final ToLongFunction<String> highestTaskId;
    private final boolean oneHost;
    private final int batch;

    /**
     * @param highestTaskId the highest task id known of a host, written down with each claim (see SubmitSteps)
     * @param oneHost       whether the bridge drives one TikMatrix: a fleet's descriptor is claimed by its shares
     * @param batch         how many descriptors are read and claimed ahead at a time
     */
    public ClaimsAhead(SubmissionJournal journal, ToLongFunction<String> highestTaskId, boolean oneHost, int batch) {
        this.journal = journal;
        this.highestTaskId = highestTaskId;
        this.oneHost = oneHost;
        this.batch = batch;
    }

    /**
     * What the split iterates: the reader's descriptors, each with its claim queued ({@link Claimed}) where one can be.
     *
     * @param exchange the file's (or bus message's) exchange, whose completion withdraws the claims no descriptor took
     */
    public Iterator<?> claiming(DescriptorReader reader, Exchange exchange) {
        if (!oneHost) {
            return reader;
        }
        Claiming claiming = new Claiming(reader);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                claiming.withdrawUntaken();
            }
        });
        return claiming;
    }

    /** A descriptor with its claim queued: the body the split hands to direct:submit. */
    public static final class Claimed {
        private final Descriptor descriptor;
        private final SubmissionJournal.QueuedClaim claim;
        private final Set<SubmissionJournal.QueuedClaim> untaken;

        private Claimed(Descriptor descriptor, SubmissionJournal.QueuedClaim claim, Set<SubmissionJournal.QueuedClaim> untaken) {
            this.descriptor = descriptor;
            this.claim = claim;
            this.untaken = untaken;
        }

        public Descriptor descriptor() {
            return descriptor;
        }

        /** The claim, committed: from here it is the descriptor's to settle, and no longer withdrawn with the reading. */
        SubmissionJournal.Claim take() {
            untaken.remove(claim);
            return claim.await();
        }
    }

    private final class Claiming implements Iterator<Object>, Closeable {
        private final DescriptorReader reader;
        private final Deque<Object> ahead = new ArrayDeque<>();
        private final Set<SubmissionJournal.QueuedClaim> untaken = ConcurrentHashMap.newKeySet();
        /** What the reader threw after the descriptors read ahead of it: thrown once they are handed out. */
        private RuntimeException failure;

        Claiming(DescriptorReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            return !ahead.isEmpty() || failure != null || reader.hasNext();
        }

        @Override
        public Object next() {
            if (ahead.isEmpty()) {
                if (failure != null) {
                    RuntimeException e = failure;
                    failure = null;
                    throw e;
                }
                readAhead();
            }
            return ahead.remove();
        }

        private void readAhead() {
            try {
                do {
                    ahead.add(claimed(reader.next()));
                } while (ahead.size() < batch && reader.hasNext());
            } catch (RuntimeException e) {
                if (ahead.isEmpty()) {
                    throw e;
                }
                failure = e;
            }
        }

        private Object claimed(Descriptor d) {
            if (d.replay()) {
                return d;
            }
            SubmissionJournal.QueuedClaim claim = journal.claimLater(d.key(), highestTaskId.applyAsLong(TrackedTask.ONE_HOST));
            untaken.add(claim);
            return new Claimed(d, claim, untaken);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }

        /**
         * Once the file's exchange is done, every descriptor it handed out is too: a claim none of them took is
         * withdrawn. Not when the split closes the reading, which it does as soon as the last descriptor is read.
         */
        void withdrawUntaken() {
            for (SubmissionJournal.QueuedClaim claim : untaken) {
                try {
                    claim.withdraw();
                } catch (StoreException e) {
                    // left in flight, as after a kill: the next reading settles it with TikMatrix
                    LOG.warn("{}", e.getMessage(), e);
                }
            }
        }
    }
}
