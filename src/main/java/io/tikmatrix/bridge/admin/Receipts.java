package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Receipts as the operator console reads them: a file of a million descriptors has a receipt of hundreds of
 * megabytes, which a page polled every two seconds cannot take whole. So a receipt is read in one streaming pass
 * into its head and counts (lines, dead letters by code), kept while the receipt is unchanged (a receipt is written
 * once, whole), and its lines are read a page at a time.
 */
final class Receipts {

    static final String SUFFIX = ".receipt.json";
    /** A drop name as the inbox gives them: one name, never a path. */
    private static final Pattern NAME = Pattern.compile("[^/\\\\:]+");
    private static final String LINES = "descriptors";
    private static final int KEPT = 200;

    private record Version(long size, long modified) {
    }

    private record Read(Version version, ObjectNode head) {
    }

    private final Path folder;
    private final Map<Path, Read> heads = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Read> eldest) {
            return size() > KEPT;
        }
    };

    Receipts(Path folder) {
        this.folder = folder;
    }

    /** The receipt of the drop name, or a 404 refusal. */
    Path find(String name) throws ApiRefusal {
        Path receipt = NAME.matcher(name).matches() && !name.startsWith(".") ? folder.resolve(name + SUFFIX) : null;
        if (receipt == null || !Files.isRegularFile(receipt)) {
            throw new ApiRefusal(404, "no receipt of a file named '" + name + "'");
        }
        return receipt;
    }

    /** Everything but the lines, with {@code lines} (how many) and {@code dead_lettered_by_code}. */
    synchronized ObjectNode head(Path receipt) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(receipt, BasicFileAttributes.class);
        Version version = new Version(attributes.size(), attributes.lastModifiedTime().toMillis());
        Read read = heads.get(receipt);
        if (read == null || !read.version().equals(version)) {
            read = new Read(version, read(receipt, 0, 0));
            heads.put(receipt, read);
        }
        return read.head().deepCopy();
    }

    /** The head, and the lines from {@code offset} on, {@code limit} of them at most. */
    ObjectNode page(Path receipt, long offset, int limit) throws IOException {
        return read(receipt, offset, limit);
    }

    private static ObjectNode read(Path receipt, long offset, int limit) throws IOException {
        ObjectNode head = Json.MAPPER.createObjectNode();
        ArrayNode page = Json.MAPPER.createArrayNode();
        ObjectNode byCode = Json.MAPPER.createObjectNode();
        long lines = 0;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(receipt.toFile())) {
            parser.nextToken(); // the receipt's object
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!LINES.equals(field)) {
                    head.set(field, parser.readValueAsTree());
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode line = parser.readValueAsTree();
                    if ("dead-lettered".equals(line.path("outcome").asText())) {
                        String code = line.path("code").asText("other");
                        byCode.put(code, byCode.path(code).asLong() + 1);
                    }
                    if (lines >= offset && lines < offset + limit) {
                        page.add(line);
                    }
                    lines++;
                }
            }
        }
        head.put("lines", lines);
        head.set("dead_lettered_by_code", byCode);
        if (limit > 0) {
            head.put("offset", offset);
            head.set(LINES, page);
        }
        return head;
    }
}
