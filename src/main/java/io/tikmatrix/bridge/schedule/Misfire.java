package io.tikmatrix.bridge.schedule;

import java.util.Arrays;
import java.util.Optional;

/** What a schedule does about firings it missed while the bridge was down or busy. */
public enum Misfire {
    /** Fire one catch-up firing, however many were missed. */
    FIRE_ONCE("fire-once"),
    /** Drop missed firings and wait for the next scheduled time. */
    SKIP("skip");

    private final String text;

    Misfire(String text) {
        this.text = text;
    }

    /** The spelling used in schedules.yaml. */
    public String text() {
        return text;
    }

    public static Optional<Misfire> fromText(String text) {
        return Arrays.stream(values()).filter(m -> m.text.equals(text)).findFirst();
    }
}
