package io.tikmatrix.bridge.store;

/** Writes queued for the store's next commit (see {@link SubmissionJournal#inOneTransactionLater}). */
public interface PendingCommit {

    /**
     * Returns once the writes are committed, committing them now if no other writer has yet.
     *
     * @throws StoreException when they failed: nothing of them was written
     */
    void await();

    /** Without waiting: whether they are committed yet. */
    boolean isCommitted();
}
