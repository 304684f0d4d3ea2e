package io.tikmatrix.bridge.validation;

/**
 * Why a descriptor was not turned into a task: the dead-letter key (an API error code such as
 * {@code 40001}, or {@code unreachable}), the HTTP status when the API answered, and a reason a
 * person can act on (it names the file, row and field where they are known).
 */
public record Rejection(String code, Integer httpStatus, String reason) {

    /** A reason may quote the descriptor or the API's echo of it: known secret values never get into one. */
    public Rejection {
        reason = SecretValues.redact(reason);
    }

    public static Rejection of(String code, String reason) {
        return new Rejection(code, null, reason);
    }

    public Rejection withReasonPrefix(String prefix) {
        return new Rejection(code, httpStatus, prefix + reason);
    }
}
