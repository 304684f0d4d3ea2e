package io.tikmatrix.bridge.descriptor;

import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import io.tikmatrix.bridge.validation.FieldType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes inbox files for tests and reads them the way the route does: inspect, then stream. */
final class InboxFiles {

    static final ConfigFieldTypes TYPES = (script, field) -> switch (field) {
        case "upload_wait_time" -> FieldType.INTEGER;
        case "material_list", "target_users" -> FieldType.ARRAY;
        case "insert_emoji" -> FieldType.BOOLEAN;
        case "add_sound" -> FieldType.ANY;
        default -> FieldType.UNKNOWN;
    };

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private InboxFiles() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static List<Descriptor> readAll(Path file) throws IOException, UnreadableFileException {
        Inspection inspection = new FileInspector().inspect(file);
        List<Descriptor> all = new ArrayList<>();
        try (DescriptorReader reader = DescriptorReaders.open(file, inspection, TYPES)) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }
}
