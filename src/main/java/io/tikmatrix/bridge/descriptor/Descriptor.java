package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.Rejection;
import io.tikmatrix.bridge.validation.SecretValues;

/**
 * One create-task request on its way through the bridge.
 *
 * @param body    the descriptor as the user wrote it (may hold their own {@code id}); null when the
 *                entry could not even be parsed
 * @param source  where it came from
 * @param key     the idempotency key (README, "Descriptors"): the user's {@code id}, or file name + SHA-256 + position,
 *                or {@code schedule:<name>@<fire time>}
 * @param problem set when reading already showed the row cannot be sent (a malformed JSON line, a CSV
 *                cell that does not convert): it is dead-lettered with this code and reason
 * @param replay  it comes from a dead-letter record dropped into the inbox
 */
public record Descriptor(ObjectNode body, Source source, String key, Rejection problem, boolean replay) {

    /** Every descriptor the bridge takes in (file, schedule, replay) makes its secrets known before any message can quote them. */
    public static Descriptor of(ObjectNode body, Source source, String key) {
        SecretValues.rememberIn(body);
        return new Descriptor(body, source, key, null, false);
    }

    /**
     * A dead-letter record dropped into the inbox: the one way a dead-lettered key is submitted again. Reading
     * the original file again (after a restart) leaves a dead-lettered line where it is.
     */
    public static Descriptor replay(ObjectNode body, Source source, String key) {
        SecretValues.rememberIn(body);
        return new Descriptor(body, source, key, null, true);
    }

    public static Descriptor unparsable(Source source, String key, Rejection problem) {
        return new Descriptor(null, source, key, problem, false);
    }

    /** Read, but not to be sent as it is (a CSV cell that did not convert): dead-lettered with its body, for replay. */
    public static Descriptor rejected(ObjectNode body, Source source, String key, Rejection problem) {
        SecretValues.rememberIn(body);
        return new Descriptor(body, source, key, problem, false);
    }
}
