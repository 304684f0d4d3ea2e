package io.tikmatrix.bridge.descriptor;

import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import io.tikmatrix.bridge.validation.FieldType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes inbox files for tests and reads them the way the route does: inspect, then stream. */
final class InboxFiles {

    /** The fields of every script: only the handful the tests use. */
    static final ConfigFieldTypes TYPES = new ConfigFieldTypes() {
        @Override
        public FieldType typeOf(String script, String field) {
            return switch (field) {
                case "upload_wait_time" -> FieldType.INTEGER;
                case "material_list", "target_users" -> FieldType.ARRAY;
                case "insert_emoji" -> FieldType.BOOLEAN;
                case "add_sound" -> FieldType.ANY;
                case "captions" -> FieldType.STRING;
                default -> FieldType.UNKNOWN;
            };
        }

        @Override
        public Set<String> fieldsOf(String script) {
            return allFields();
        }

        @Override
        public Set<String> allFields() {
            return Set.of("upload_wait_time", "material_list", "target_users", "insert_emoji", "add_sound", "captions");
        }
    };

    private InboxFiles() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** The UTF-8 bytes of the text after a byte-order mark, as some spreadsheet and editor exports write them. */
    static byte[] withByteOrderMark(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        return bytes;
    }

    static List<Descriptor> readAll(Path file) throws IOException, UnreadableFileException {
        Inspection inspection = new FileInspector().inspect(file);
        List<Descriptor> all = new ArrayList<>();
        try (DescriptorReader reader = DescriptorReaders.open(file, inspection, TYPES, InboxLimits.DEFAULTS)) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }
}
