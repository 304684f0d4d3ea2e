package io.tikmatrix.bridge.api;

import io.tikmatrix.bridge.validation.Rejection;

/**
 * A fault that may pass by itself (code 50001, an HTTP 5xx/429 without envelope): retried with back-off,
 * dead-lettered under its code once the retry budget is spent.
 */
public class TransientApiException extends Exception {

    private final transient Rejection rejection;

    public TransientApiException(Rejection rejection) {
        super(rejection.code() + ": " + rejection.reason(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
