package io.tikmatrix.bridge.descriptor;

/**
 * An inbox file that cannot be read at all (README, "Errors, retries and dead letters"): it is dead-lettered whole under key
 * {@code unreadable}. The message names the file and, where known, the byte, line or row and what is wrong.
 */
public class UnreadableFileException extends Exception {

    public UnreadableFileException(String reason) {
        super(reason);
    }
}
