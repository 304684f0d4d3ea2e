package io.tikmatrix.bridge.validation;

/**
 * Why a descriptor was not turned into a task: the code (an API error code such as {@code 40001}, kept as the API
 * said it, or a key of the bridge's own such as {@code unreachable}; {@link DeadLetterKey#ofCode} says where it is
 * dead-lettered), the HTTP status when the API answered, and a reason a person can act on (it names the file,
 * row and field where they are known).
 */
public record Rejection(String code, Integer httpStatus, String reason) {

    /** A reason may quote the descriptor or the API's echo of it: known secret values never get into one. */
    public Rejection {
        reason = SecretValues.redact(reason);
    }

    public Rejection(DeadLetterKey key, Integer httpStatus, String reason) {
        this(key.key(), httpStatus, reason);
    }

    public static Rejection of(DeadLetterKey key, String reason) {
        return new Rejection(key, null, reason);
    }

    public Rejection withReasonPrefix(String prefix) {
        return new Rejection(code, httpStatus, prefix + reason);
    }
}
