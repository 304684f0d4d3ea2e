package io.tikmatrix.bridge.store;

/** The store could not be read or written; the descriptor in hand stays where it is and is tried again. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
