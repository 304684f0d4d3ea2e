package io.tikmatrix.bridge.tracking;

/** A TikMatrix task status as a word, for events and log lines. */
public final class StatusText {

    private static final String[] TEXTS = {"pending", "running", "completed", "failed"};

    private StatusText() {
    }

    public static String of(int status) {
        return status >= 0 && status < TEXTS.length ? TEXTS[status] : "unknown";
    }
}
