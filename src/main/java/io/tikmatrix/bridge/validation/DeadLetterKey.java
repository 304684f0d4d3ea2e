package io.tikmatrix.bridge.validation;

/**
 * The dead-letter keys (README, "Errors, retries and dead letters"): each names where its records go,
 * {@code bridge.dead-letter.<key>}. The codes are the API's own.
 *
 * <p>The enum lives beside {@link Rejection}, not with the dead letters, because every room that rejects a
 * descriptor names a key and the lowest of them is this one: the validator answers 40001, 40002 and 40003 as
 * the API would. The {@code deadletter} room picks the key of a rejection with {@link #ofCode}.
 */
public enum DeadLetterKey {

    /** Invalid request parameters, found by the API or, before any call, by the validator or a reader. */
    INVALID_PARAMETERS("40001"),
    /** No {@code script_name}. */
    NO_SCRIPT_NAME("40002"),
    /** A script the API does not take (yet). */
    SCRIPT_NOT_ALLOWED("40003"),
    /** The API does not know something the call named. */
    NOT_FOUND("40401"),
    /** TikMatrix failed inside on every attempt the retry budget allowed. */
    INTERNAL_ERROR("50001"),
    /** TikMatrix was not heard (refused, reset, timed out, a 5xx/408/429 without envelope) on every attempt. */
    UNREACHABLE("unreachable"),
    /** A whole file that could not be read; never the key of one descriptor. */
    UNREADABLE("unreadable"),
    /** A call whose answer was lost may have made tasks that TikMatrix's list cannot tell apart. */
    AMBIGUOUS("ambiguous"),
    /** Devices or accounts of a descriptor that no host of the fleet has: that part is never sent. */
    UNROUTABLE("unroutable"),
    /** Any other API code, and an HTTP 4xx without envelope. */
    OTHER("other");

    private final String key;

    DeadLetterKey(String key) {
        this.key = key;
    }

    /** The key as records, folders and {@code bridge.dead-letter.<key>} spell it. */
    public String key() {
        return key;
    }

    /**
     * Where a descriptor rejected with {@code code} is dead-lettered: a code with a key of its own keeps it, any
     * other goes to {@code other}, and so would {@code unreadable}, which only whole files have.
     */
    public static DeadLetterKey ofCode(String code) {
        for (DeadLetterKey candidate : values()) {
            if (candidate != UNREADABLE && candidate.key.equals(code)) {
                return candidate;
            }
        }
        return OTHER;
    }
}
