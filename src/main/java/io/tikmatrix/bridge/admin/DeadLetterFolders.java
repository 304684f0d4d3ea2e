package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.descriptor.DescriptorReaders;
import io.tikmatrix.bridge.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dead-letter records of each descriptor key whose {@code bridge.dead-letter.<key>} is a folder ({@code file:}),
 * by id {@code <key>:<record file name without .json>}: listed, read, discarded, and replayed the way README's
 * "Replay" tells an operator to do it by hand, by dropping the record into the inbox. So a replay goes through
 * everything a dropped file does (validation, its original key, reconciliation, a receipt), and a record replayed
 * twice is one task. {@code unreadable} holds whole files, not records: those are fixed and dropped by hand.
 */
final class DeadLetterFolders {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFolders.class);
    private static final String RECORD = ".json";
    /** What {@code deadletter.RecordNames} writes; anything else in an id is refused before it nears a path. */
    private static final Pattern RECORD_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final String SEPARATOR = ":";

    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final InboxDrops inbox;

    DeadLetterFolders(BridgeConfig config, InboxDrops inbox) {
        for (String key : BridgeConfig.DEAD_LETTER_KEYS) {
            String uri = config.get("bridge.dead-letter." + key);
            if (!"unreadable".equals(key) && uri.startsWith("file:")) {
                String folder = uri.substring("file:".length());
                folders.put(key, Path.of(folder.contains("?") ? folder.substring(0, folder.indexOf('?')) : folder));
            }
        }
        this.inbox = inbox;
    }

    /** The records of one key (or of every key), oldest first, each with its id and what it says in short. */
    public ArrayNode list(String key) throws ApiRefusal, IOException {
        List<String> keys = key == null || key.isEmpty() ? List.copyOf(folders.keySet()) : List.of(folderKey(key));
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (String k : keys) {
            for (Path file : records(folders.get(k))) {
                JsonNode record;
                try {
                    record = readRecord(file);
                } catch (JsonProcessingException beingWritten) {
                    continue; // records appear whole, by rename: this one was edited by hand into something else
                }
                ObjectNode item = list.addObject();
                item.put("id", k + SEPARATOR + stem(file));
                item.put("key", k);
                item.put("descriptor_key", record.path("key").asText(null));
                item.set("source", record.get("source"));
                item.put("code", record.path("code").asText(null));
                item.put("reason", record.path("reason").asText(null));
                item.put("dead_lettered_at", record.path("dead_lettered_at").asText(null));
                item.put("replayable", DescriptorReaders.isDeadLetterRecord(record));
            }
        }
        return list;
    }

    public JsonNode read(String id) throws ApiRefusal, IOException {
        return readRecord(find(id));
    }

    public void discard(String id) throws ApiRefusal, IOException {
        Path record = find(id);
        Files.delete(record);
        LOG.info("dead letter {} discarded through the admin API", id);
    }

    /**
     * Drops the record into the inbox and takes it out of the dead letters. Synchronized: two replays of one record
     * at once must not both find it (and were they to, its key would still make one task).
     */
    public synchronized String replay(String id) throws ApiRefusal, IOException {
        Path record = find(id);
        if (!DescriptorReaders.isDeadLetterRecord(readRecord(record))) {
            throw new ApiRefusal(409, id + " holds no descriptor to submit (a row that could not be read): fix the"
                    + " original file and drop it into the inbox");
        }
        Path dropped = inbox.drop(record.getFileName().toString(), Files.readAllBytes(record));
        Files.delete(record);
        LOG.info("dead letter {} replayed through the admin API: {} is in the inbox", id, dropped.getFileName());
        return dropped.getFileName().toString();
    }

    /** Every record of the key that can be replayed; the others stay, and are named. */
    public ObjectNode replayAll(String key) throws ApiRefusal, IOException {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode replayed = answer.putArray("replayed");
        ArrayNode left = answer.putArray("left");
        String k = folderKey(key);
        for (Path file : records(folders.get(k))) {
            String id = k + SEPARATOR + stem(file);
            try {
                replay(id);
                replayed.add(id);
            } catch (ApiRefusal refusal) {
                left.addObject().put("id", id).put("error", refusal.getMessage());
            }
        }
        return answer;
    }

    /** Every record of the key, whether it holds a descriptor or not. */
    public ArrayNode discardAll(String key) throws ApiRefusal, IOException {
        ArrayNode discarded = Json.MAPPER.createArrayNode();
        String k = folderKey(key);
        for (Path file : records(folders.get(k))) {
            String id = k + SEPARATOR + stem(file);
            if (Files.deleteIfExists(file)) {
                discarded.add(id);
            }
        }
        LOG.info("{} dead letters of {} discarded through the admin API", discarded.size(), k);
        return discarded;
    }

    private String folderKey(String key) throws ApiRefusal {
        if (key == null || key.isEmpty()) {
            throw new ApiRefusal(400, "name the key: ?key=" + String.join("|", folders.keySet()));
        }
        if (!folders.containsKey(key)) {
            throw new ApiRefusal(404, "no dead-letter folder for key '" + key + "'; the API shows " + String.join(", ", folders.keySet())
                    + " (unreadable files, and keys sent elsewhere than a file: folder, are not shown)");
        }
        return key;
    }

    private Path find(String id) throws ApiRefusal {
        int split = id.indexOf(SEPARATOR);
        String name = split < 0 ? "" : id.substring(split + 1);
        if (split < 0 || !RECORD_NAME.matcher(name).matches() || name.contains("..")) {
            throw new ApiRefusal(400, "'" + id + "' is not a dead-letter id (<key>:<record name>, as the list gives them)");
        }
        Path record = folders.get(folderKey(id.substring(0, split))).resolve(name + RECORD);
        if (!Files.isRegularFile(record)) {
            throw new ApiRefusal(404, "no dead letter " + id + " (replayed or discarded already?)");
        }
        return record;
    }

    private static List<Path> records(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            // the records' names begin with the time they were written: by name is oldest first
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(RECORD))
                    .filter(f -> RECORD_NAME.matcher(stem(f)).matches()).sorted().toList());
        }
    }

    private static JsonNode readRecord(Path file) throws ApiRefusal, IOException {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new ApiRefusal(404, "no dead letter " + file.getFileName() + " (replayed or discarded already?)");
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - RECORD.length());
    }
}
