package io.tikmatrix.bridge.submit;

/**
 * A descriptor of the file cannot have its outcome yet: the bridge is stopping, or its key is being worked on
 * by another bridge (or by an earlier drop of the same file) that still holds the claim. The file stays in the
 * inbox and is taken again later; by then its submitted lines are duplicates with their task ids, and a key
 * left waiting for a retry resumes from the journal with the attempts it already made.
 */
public class TakeAgainLaterException extends Exception {

    private final String host;

    public TakeAgainLaterException(String message) {
        this(message, null);
    }

    /** @param host the fleet's host the file waits for (held, or not heard from yet), or null */
    public TakeAgainLaterException(String message, String host) {
        super(message, null, false, false);
        this.host = host;
    }

    /** The fleet's host the file waits for: reading it again before that host opens would change nothing. */
    public String host() {
        return host;
    }
}
