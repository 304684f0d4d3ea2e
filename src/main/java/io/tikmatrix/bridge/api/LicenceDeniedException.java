package io.tikmatrix.bridge.api;

import io.tikmatrix.bridge.validation.Rejection;

/**
 * The API answered 40301: the plan has no API access. A definite answer (no task was made) and not the
 * descriptor's fault: it is never dead-lettered and does not count against the descriptor's attempts. The
 * descriptor waits for the licence (README, "Licence gate").
 */
public class LicenceDeniedException extends Exception {

    private final transient Rejection rejection;

    public LicenceDeniedException(Rejection rejection) {
        super(rejection.code() + ": " + rejection.reason(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
