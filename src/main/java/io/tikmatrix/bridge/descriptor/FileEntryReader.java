package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.Rejection;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The common part of the inbox file readers: pulls one entry ahead so {@link #hasNext()} can answer, and
 * gives every entry its file source and positional key.
 */
abstract class FileEntryReader implements DescriptorReader {

    protected final String fileName;
    protected final InboxLimits limits;
    private final String origin;
    private final Closeable text;
    private Descriptor ahead;
    private boolean exhausted;

    /** @param origin what positional keys start with, see {@link DescriptorKeys#forEntry} */
    FileEntryReader(Closeable text, String fileName, String origin, InboxLimits limits) {
        this.text = text;
        this.fileName = fileName;
        this.origin = origin;
        this.limits = limits;
    }

    /** The next entry of the file, or null at its end. */
    protected abstract Descriptor readNext() throws IOException;

    /**
     * The entry as a descriptor, or as a 40001 dead letter naming its first text field longer than
     * {@code bridge.inbox.max-field-length}.
     */
    protected Descriptor descriptor(ObjectNode body, long position) {
        String tooLong = longField(body, "");
        if (tooLong != null) {
            return rejected(body, position, "field " + tooLong + " characters, more than bridge.inbox.max-field-length ("
                    + limits.maxFieldLength() + ")");
        }
        return Descriptor.of(body, Source.file(fileName, position),
                DescriptorKeys.forEntry(body, origin, position));
    }

    /** An entry over {@code bridge.inbox.max-descriptor-size}, set aside without being read into memory. */
    protected Descriptor tooLarge(long position, long bytes) {
        return unparsable(position, "descriptor of " + bytes + " bytes, more than bridge.inbox.max-descriptor-size ("
                + limits.maxDescriptorBytes() + ")");
    }

    /** @return "path is N" for the first text value longer than the limit, e.g. "captions is 70000", or null */
    private String longField(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().length() > limits.maxFieldLength()) {
            return path + " is " + node.textValue().length();
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String found = longField(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            String found = longField(node.get(i), path + "[" + i + "]");
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * An entry that cannot be sent and has no body to keep; its reason names the place ({@link Source#place()})
     * so a person can fix it.
     */
    protected Descriptor unparsable(long position, String problem) {
        Source source = Source.file(fileName, position);
        return Descriptor.unparsable(source, DescriptorKeys.forEntry(null, origin, position),
                Rejection.of(DeadLetterKey.INVALID_PARAMETERS, source.place() + ": " + problem));
    }

    /**
     * An entry read into a body that cannot be sent as it is: the dead-letter record keeps the body, so it can be
     * fixed and replayed under the same key.
     */
    protected Descriptor rejected(ObjectNode body, long position, String problem) {
        Source source = Source.file(fileName, position);
        return Descriptor.rejected(body, source, DescriptorKeys.forEntry(body, origin, position),
                Rejection.of(DeadLetterKey.INVALID_PARAMETERS, source.place() + ": " + problem));
    }

    @Override
    public boolean hasNext() {
        if (ahead == null && !exhausted) {
            try {
                ahead = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(fileName + ": reading failed", e);
            }
            exhausted = ahead == null;
        }
        return ahead != null;
    }

    @Override
    public Descriptor next() {
        if (!hasNext()) {
            throw new NoSuchElementException(fileName + " has no more entries");
        }
        Descriptor next = ahead;
        ahead = null;
        return next;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
