package io.tikmatrix.bridge.submit;

/**
 * The bridge stopped before every descriptor of a file had an outcome. The file stays in the inbox; at the
 * next start its submitted lines are duplicates, and the others resume from the journal with the attempts
 * they already made.
 */
public class LeftForNextStartException extends Exception {

    public LeftForNextStartException(String message) {
        super(message, null, false, false);
    }
}
