package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code .json} file: one descriptor at position 0, or an array whose elements are read one at a time, positioned
 * by array index.
 * One parser only frames the elements: it skips over each without keeping its values, and so learns the
 * element's bytes. Only an element within {@code bridge.inbox.max-descriptor-size} is then read from those
 * bytes, so a 50 MB element costs the memory of none.
 */
final class JsonDescriptorReader extends FileEntryReader {

    private final FileChannel file;
    private final JsonParser framing;
    private boolean started;
    private boolean array;
    private long index;

    JsonDescriptorReader(FileChannel file, String fileName, String origin, InboxLimits limits) throws IOException {
        this(file, Channels.newInputStream(file), fileName, origin, limits);
    }

    private JsonDescriptorReader(FileChannel file, InputStream bytes, String fileName, String origin, InboxLimits limits)
            throws IOException {
        super(bytes, fileName, origin, limits);
        this.file = file;
        // bytes, not characters: the parser's offsets are then file offsets, and it skips a byte-order mark itself
        this.framing = DescriptorJson.MAPPER.createParser(bytes);
    }

    static JsonDescriptorReader open(Path path, String fileName, String origin, InboxLimits limits) throws IOException {
        return new JsonDescriptorReader(FileChannel.open(path, StandardOpenOption.READ), fileName, origin, limits);
    }

    @Override
    protected Descriptor readNext() throws IOException {
        if (!started) {
            started = true;
            array = framing.nextToken() == JsonToken.START_ARRAY;
            if (!array) {
                return entry(0);
            }
        }
        if (!array || framing.nextToken() == JsonToken.END_ARRAY) {
            return null;
        }
        return entry(index++);
    }

    private Descriptor entry(long position) throws IOException {
        JsonToken first = framing.currentToken();
        if (first != JsonToken.START_OBJECT) {
            framing.skipChildren();
            return unparsable(position, "not a JSON object (found " + typeName(first) + ")");
        }
        long start = framing.currentTokenLocation().getByteOffset();
        framing.skipChildren();
        long size = framing.currentLocation().getByteOffset() - start;
        if (size > limits.maxDescriptorBytes()) {
            return tooLarge(position, size);
        }
        return descriptor((ObjectNode) DescriptorJson.WHOLE_VALUE.readTree(bytes(start, (int) size)), position);
    }

    /** The element's bytes, read again from the file by offset; the framing parser reads on undisturbed. */
    private byte[] bytes(long start, int size) throws IOException {
        ByteBuffer element = ByteBuffer.allocate(size);
        int read = 0;
        // FileChannel.read may return fewer bytes than asked for
        while (element.hasRemaining() && read >= 0) {
            read = file.read(element, start + element.position());
        }
        return element.array();
    }

    /** The names {@link DescriptorJson#typeName} gives, for a value known only by its first token. */
    private static String typeName(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> "null";
        };
    }

    @Override
    public void close() throws IOException {
        framing.close();
        super.close();
    }
}
