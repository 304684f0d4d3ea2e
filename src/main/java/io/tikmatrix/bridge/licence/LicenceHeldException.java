package io.tikmatrix.bridge.licence;

/**
 * A descriptor that must wait for the licence gate: a schedule's firing while intake is held, or a claimed
 * descriptor whose next attempt comes while the licence is refused. The tikmatrix-errors route configuration
 * lets it wait as a scheduled redelivery, with no thread held, and never dead-letters it for this.
 */
public class LicenceHeldException extends Exception {

    public LicenceHeldException(String message) {
        super(message, null, false, false);
    }
}
