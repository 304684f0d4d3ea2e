package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Inspection;
import io.tikmatrix.bridge.json.Json;
import org.apache.camel.spi.InflightRepository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files being submitted now, with how far each got, for the operator console's progress bars. A file's receipt
 * is written as its descriptors finish, under a hidden partial name until it is whole: its lines so far are the
 * descriptors done. How many it holds comes from the file's inspection, which its exchange carries while it is in
 * flight (Camel's inflight repository, browsable with camel.main.inflightRepositoryBrowseEnabled).
 */
final class FilesInProgress {

    private static final String PARTIAL_PREFIX = ".";
    private static final String PARTIAL_SUFFIX = ".receipt.json.part";

    private final Path receipts;

    FilesInProgress(Path receipts) {
        this.receipts = receipts;
    }

    /** Each file whose receipt is being written: its drop name, when it was received, its counts so far and total. */
    ArrayNode list(InflightRepository inflight) throws IOException {
        Map<String, Long> entriesBySha = entriesBySha256(inflight);
        List<Path> partials;
        try (Stream<Path> files = Files.isDirectory(receipts) ? Files.list(receipts) : Stream.empty()) {
            partials = files.filter(FilesInProgress::isPartial).sorted().toList();
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Path partial : partials) {
            ObjectNode progress = Json.MAPPER.createObjectNode();
            try {
                read(partial, progress);
            } catch (NoSuchFileException finishedMeanwhile) {
                continue; // its whole receipt is listed with the others
            }
            String name = partial.getFileName().toString();
            progress.put("total", entriesBySha.get(progress.path("sha256").asText()));
            progress.remove("sha256");
            list.addObject().put("name", name.substring(PARTIAL_PREFIX.length(), name.length() - PARTIAL_SUFFIX.length()))
                    .set("progress", progress);
        }
        return list;
    }

    private static boolean isPartial(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PARTIAL_PREFIX) && name.endsWith(PARTIAL_SUFFIX);
    }

    /** A file's exchange and its split's parts all carry its inspection; by SHA-256 it names the file's receipt. */
    private static Map<String, Long> entriesBySha256(InflightRepository inflight) {
        Map<String, Long> entries = new HashMap<>();
        for (InflightRepository.InflightExchange exchange : inflight.browse()) {
            exchange.getExchange().getProperties().values().stream().filter(Inspection.class::isInstance).map(Inspection.class::cast)
                    .forEach(inspection -> entries.put(inspection.sha256(), inspection.entries()));
        }
        return entries;
    }

    /**
     * Reads the receipt written so far, to where its writer got: its head (sha256, received_at) and the outcome of
     * each whole line. A partial receipt ends anywhere, mid-line too; what is there so far is the answer.
     */
    private static void read(Path partial, ObjectNode progress) throws IOException {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        List.of("submitted", "dead_lettered", "duplicate").forEach(outcome -> outcomes.put(outcome, 0L));
        try (InputStream in = Files.newInputStream(partial); JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            int depth = 0;
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> field = parser.currentName();
                    case VALUE_STRING -> {
                        if (depth == 1 && ("sha256".equals(field) || "received_at".equals(field))) {
                            progress.put(field, parser.getText());
                        } else if (depth == 3 && "outcome".equals(field)) {
                            outcomes.merge(parser.getText().replace('-', '_'), 1L, Long::sum);
                        }
                    }
                    default -> {
                        // numbers, nested values: not counted
                    }
                }
            }
        } catch (JsonProcessingException endOfWhatIsWritten) {
            // the partial receipt stops mid-token: everything before it is counted
        }
        long done = outcomes.values().stream().mapToLong(Long::longValue).sum();
        progress.put("done", done);
        outcomes.forEach(progress::put);
    }
}
