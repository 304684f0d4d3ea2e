package io.tikmatrix.bridge.logging;

import io.tikmatrix.bridge.validation.SecretValues;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * Stands in, in a log event, for an exception whose message (or a cause's) shows a secret value: same
 * class name when printed, same stack trace, same causes and suppressed exceptions, secrets hidden.
 */
final class RedactedThrowable extends Throwable {

    private final String originalClass;

    private RedactedThrowable(Throwable original, Set<Throwable> copying) {
        super(SecretValues.redact(original.getMessage()), copy(original.getCause(), copying), true, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
        for (Throwable suppressed : original.getSuppressed()) {
            Throwable copied = copy(suppressed, copying);
            if (copied != null) {
                addSuppressed(copied);
            }
        }
    }

    /** {@code t} itself when nothing in it shows a secret, which is nearly always. */
    static Throwable of(Throwable t) {
        return t == null || !showsSecret(t, identitySet()) ? t : copy(t, identitySet());
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }

    // causes may loop back (A caused by B caused by A): the copy stops where the loop would start again
    private static Throwable copy(Throwable t, Set<Throwable> copying) {
        return t == null || !copying.add(t) ? null : new RedactedThrowable(t, copying);
    }

    private static boolean showsSecret(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        String message = t.getMessage();
        if (!Objects.equals(message, SecretValues.redact(message)) || showsSecret(t.getCause(), seen)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (showsSecret(suppressed, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Throwable> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
