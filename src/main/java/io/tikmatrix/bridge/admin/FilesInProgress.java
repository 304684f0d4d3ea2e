package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Inspection;
import io.tikmatrix.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files being submitted now, with how far each got, for the operator console's progress bars. A file in flight
 * is an exchange that carries its inspection (how many descriptors it holds), it and its split's parts alike:
 * Camel's inflight repository shows them (camel.main.inflightRepositoryBrowseEnabled). Its receipt is written as
 * its descriptors finish, under a hidden partial name until it is whole, and names the file by SHA-256: its lines
 * so far are the descriptors done. The receipt's writer buffers a few kilobytes, so the count trails by as many
 * lines until the receipt is whole.
 */
final class FilesInProgress {

    private static final String PARTIAL_PREFIX = ".";
    private static final String PARTIAL_SUFFIX = ".receipt.json.part";
    private static final String[] OUTCOMES = {"submitted", "dead_lettered", "duplicate"};

    private final Path receipts;

    FilesInProgress(Path receipts) {
        this.receipts = receipts;
    }

    /** Each file in flight: its name, when it was taken, how many descriptors it holds and how many are done. */
    ArrayNode list(InflightRepository inflight) throws IOException {
        Map<Inspection, ObjectNode> files = new IdentityHashMap<>();
        for (InflightRepository.InflightExchange running : inflight.browse()) {
            Exchange exchange = running.getExchange();
            for (Object value : exchange.getProperties().values()) {
                if (value instanceof Inspection inspection) {
                    ObjectNode file = files.computeIfAbsent(inspection, i -> Json.MAPPER.createObjectNode()
                            .put("name", exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)));
                    long taken = exchange.getClock().getCreated();
                    if (!file.has("taken") || taken < file.path("taken").asLong()) {
                        file.put("taken", taken);
                    }
                }
            }
        }
        Map<String, ObjectNode> doneBySha256 = receiptsSoFar();
        ArrayNode list = Json.MAPPER.createArrayNode();
        files.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getValue().path("taken").asLong())).forEach(e -> {
            ObjectNode progress = Json.MAPPER.createObjectNode();
            progress.put("received_at", Instant.ofEpochMilli(e.getValue().path("taken").asLong()).toString());
            progress.put("sha256", e.getKey().sha256());
            progress.put("total", e.getKey().entries());
            ObjectNode done = doneBySha256.get(e.getKey().sha256());
            long sum = 0;
            for (String outcome : OUTCOMES) {
                long n = done == null ? 0 : done.path(outcome).asLong();
                progress.put(outcome, n);
                sum += n;
            }
            progress.put("done", sum);
            list.addObject().put("name", e.getValue().path("name").asText()).set("progress", progress);
        });
        return list;
    }

    /** The outcomes counted so far in each partial receipt, by the SHA-256 of its file. */
    private Map<String, ObjectNode> receiptsSoFar() throws IOException {
        List<Path> partials;
        try (Stream<Path> files = Files.isDirectory(receipts) ? Files.list(receipts) : Stream.empty()) {
            partials = files.filter(f -> f.getFileName().toString().startsWith(PARTIAL_PREFIX)
                    && f.getFileName().toString().endsWith(PARTIAL_SUFFIX)).toList();
        }
        Map<String, ObjectNode> bySha256 = new HashMap<>();
        for (Path partial : partials) {
            ObjectNode counts = Json.MAPPER.createObjectNode();
            try {
                read(partial, counts);
            } catch (NoSuchFileException finishedMeanwhile) {
                continue; // its whole receipt is listed with the others
            }
            if (counts.has("sha256")) {
                bySha256.put(counts.path("sha256").asText(), counts);
            }
        }
        return bySha256;
    }

    /**
     * Reads the receipt written so far, to where its writer got: its file's SHA-256 and the outcome of each whole
     * line. A partial receipt ends anywhere, mid-line too; what is there so far is the answer.
     */
    private static void read(Path partial, ObjectNode counts) throws IOException {
        try (InputStream in = Files.newInputStream(partial); JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            int depth = 0;
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> field = parser.currentName();
                    case VALUE_STRING -> {
                        if (depth == 1 && "sha256".equals(field)) {
                            counts.put(field, parser.getText());
                        } else if (depth == 3 && "outcome".equals(field)) {
                            String outcome = parser.getText().replace('-', '_');
                            counts.put(outcome, counts.path(outcome).asLong() + 1);
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
    }
}
