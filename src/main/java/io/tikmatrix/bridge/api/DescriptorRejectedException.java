package io.tikmatrix.bridge.api;

import io.tikmatrix.bridge.validation.Rejection;

/** A fault of the descriptor itself (validation, or an API code that no retry can change): dead-lettered at once. */
public class DescriptorRejectedException extends Exception {

    private final transient Rejection rejection;

    public DescriptorRejectedException(Rejection rejection) {
        super(rejection.code() + ": " + rejection.reason(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
