package io.tikmatrix.bridge.reconcile;

import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.Rejection;

import java.util.List;

/**
 * A call may have made tasks and TikMatrix's answer to "what exists?" could not tell which: the descriptor is
 * dead-lettered under {@code ambiguous} with the candidate task ids, and nothing is posted again.
 */
public class AmbiguousCallException extends DescriptorRejectedException {

    private final transient List<Long> candidateTaskIds;

    public AmbiguousCallException(String reason, List<Long> candidateTaskIds) {
        super(Rejection.of(DeadLetterKey.AMBIGUOUS, reason));
        this.candidateTaskIds = List.copyOf(candidateTaskIds);
    }

    public List<Long> candidateTaskIds() {
        return candidateTaskIds;
    }
}
