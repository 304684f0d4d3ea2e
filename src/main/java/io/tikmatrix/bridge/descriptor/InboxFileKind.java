package io.tikmatrix.bridge.descriptor;

import java.util.Locale;
import java.util.Optional;

/** The kinds of inbox file the bridge reads (README, "Descriptors"), told apart by extension only. */
public enum InboxFileKind {
    JSON, JSON_LINES, CSV;

    public static Optional<InboxFileKind> of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSON_LINES);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        return Optional.empty();
    }
}
