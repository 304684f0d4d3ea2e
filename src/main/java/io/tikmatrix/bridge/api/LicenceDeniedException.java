package io.tikmatrix.bridge.api;

import io.tikmatrix.bridge.validation.Rejection;

/**
 * The API answered 40301: the plan has no API access. Not the descriptor's fault, so it is never
 * dead-lettered under 40301; the licence gate holds intake and the call waits for the licence.
 */
public class LicenceDeniedException extends TransientApiException {

    public LicenceDeniedException(Rejection rejection) {
        super(rejection);
    }
}
