package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;

/** A {@code .json} file: one descriptor at position 0, or an array whose elements are read one at a time. */
final class JsonDescriptorReader extends FileEntryReader {

    private final JsonParser parser;
    private boolean started;
    private boolean array;
    private long index;

    JsonDescriptorReader(BufferedReader text, String fileName, String sha256) throws IOException {
        super(text, fileName, sha256);
        this.parser = DescriptorJson.MAPPER.createParser(text);
    }

    @Override
    protected Descriptor readNext() throws IOException {
        if (!started) {
            started = true;
            array = parser.nextToken() == JsonToken.START_ARRAY;
            if (!array) {
                return entry(0);
            }
        }
        if (!array || parser.nextToken() == JsonToken.END_ARRAY) {
            return null;
        }
        return entry(index++);
    }

    private Descriptor entry(long position) throws IOException {
        JsonNode value = DescriptorJson.MAPPER.readTree(parser);
        if (value instanceof ObjectNode body) {
            return descriptor(body, position);
        }
        return unparsable(position, fileName + " index " + position + ": not a JSON object (found "
                + DescriptorJson.typeName(value) + ")");
    }

    @Override
    public void close() throws IOException {
        parser.close();
        super.close();
    }
}
