package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.NoSuchElementException;

/**
 * A dead-letter record (README, "Errors, retries and dead letters") dropped into the inbox: its one descriptor is submitted again under its
 * original key and source, so replaying the same record twice creates at most one task.
 */
final class DeadLetterReplayReader implements DescriptorReader {

    private final Descriptor replay;
    private boolean taken;

    DeadLetterReplayReader(JsonNode record, String replayFileName) {
        Source original = Source.fromJson(record.get("source"));
        this.replay = Descriptor.replay((ObjectNode) record.get("descriptor"),
                original != null ? original : Source.file(replayFileName, 0),
                record.get("key").asText());
    }

    @Override
    public boolean hasNext() {
        return !taken;
    }

    @Override
    public Descriptor next() {
        if (taken) {
            throw new NoSuchElementException("a dead-letter record holds one descriptor");
        }
        taken = true;
        return replay;
    }

    /** The record was read whole when it was recognised; nothing is left open. */
    @Override
    public void close() {
    }
}
