package io.tikmatrix.bridge.descriptor;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** The kinds of inbox file the bridge reads (README, "Descriptors"), told apart by extension only. */
public enum InboxFileKind {
    JSON, JSON_LINES, CSV;

    /**
     * A message from a bus has no name to tell its kind by: one JSON value (an object or an array) is JSON,
     * anything else is read as JSON Lines, whose reader judges each line on its own.
     */
    public static InboxFileKind ofMessage(byte[] body) {
        try {
            DescriptorJson.WHOLE_VALUE.readTree(body);
            return JSON;
        } catch (IOException e) {
            return JSON_LINES;
        }
    }

    /** The extension a file of this kind is read by, e.g. {@code .jsonl}. */
    public String extension() {
        return switch (this) {
            case JSON -> ".json";
            case JSON_LINES -> ".jsonl";
            case CSV -> ".csv";
        };
    }

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
