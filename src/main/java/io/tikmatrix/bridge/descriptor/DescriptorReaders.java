package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the streaming {@link DescriptorReader} for an inbox file that {@link FileInspector} found readable. */
public final class DescriptorReaders {

    /**
     * Dead-letter records are small; a larger {@code .json} is taken for descriptors without reading it
     * whole, so the check never costs the memory of a big file.
     */
    static final long DEAD_LETTER_RECORD_MAX_BYTES = 1024 * 1024;

    private DescriptorReaders() {
    }

    public static DescriptorReader open(Path file, Inspection inspection, ConfigFieldTypes types, InboxLimits limits)
            throws IOException {
        return open(file, inspection, types, limits, DescriptorKeys.fileOrigin(file.getFileName().toString(), inspection.sha256()));
    }

    /**
     * @param origin what the positional keys of its descriptors start with (see {@link DescriptorKeys#forEntry}),
     *               when the bytes came from elsewhere than an inbox file, e.g. a bus message
     */
    public static DescriptorReader open(Path file, Inspection inspection, ConfigFieldTypes types, InboxLimits limits,
                                        String origin) throws IOException {
        String name = file.getFileName().toString();
        return switch (inspection.kind()) {
            case JSON -> {
                JsonNode record = smallJson(file, inspection);
                yield isDeadLetterRecord(record)
                        ? new DeadLetterReplayReader(record, name)
                        : JsonDescriptorReader.open(file, name, origin, limits);
            }
            case JSON_LINES -> new JsonLinesDescriptorReader(
                    new BoundedLines(Files.newInputStream(file), limits.maxDescriptorBytes()), name, origin, limits);
            case CSV -> new CsvDescriptorReader(InboxText.open(file, inspection.charset()), name, origin, types, limits);
        };
    }

    /** A dead-letter record: an object with a {@code descriptor} object, its {@code key} and the {@code code}. */
    public static boolean isDeadLetterRecord(JsonNode node) {
        return node != null && node.isObject()
                && node.path("descriptor").isObject()
                && node.hasNonNull("key")
                && node.has("code");
    }

    private static JsonNode smallJson(Path file, Inspection inspection) throws IOException {
        if (inspection.size() >= DEAD_LETTER_RECORD_MAX_BYTES) {
            return null;
        }
        try (BufferedReader text = InboxText.open(file, inspection.charset())) {
            return DescriptorJson.WHOLE_VALUE.readTree(text);
        }
    }
}
