package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.SecretValues;
import java.io.BufferedReader;
import java.io.IOException;

/** A {@code .jsonl}/{@code .ndjson} file: one descriptor per line, positioned by 1-based line number. */
final class JsonLinesDescriptorReader extends FileEntryReader {

    private final BufferedReader text;
    private long lineNumber;

    JsonLinesDescriptorReader(BufferedReader text, String fileName, String sha256) {
        super(text, fileName, sha256);
        this.text = text;
    }

    @Override
    protected Descriptor readNext() throws IOException {
        for (String line = text.readLine(); line != null; line = text.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                return entry(line);
            }
        }
        return null;
    }

    private Descriptor entry(String line) {
        String problem;
        try {
            JsonNode value = DescriptorJson.WHOLE_VALUE.readTree(line);
            if (value instanceof ObjectNode body) {
                return descriptor(body, lineNumber);
            }
            problem = "found " + DescriptorJson.typeName(value);
        } catch (JsonProcessingException e) {
            problem = e.getOriginalMessage();
        }
        // the parser's message may quote a piece of the line: a key in it must be known before the reason is made
        SecretValues.rememberInText(line);
        return unparsable(lineNumber, fileName + " line " + lineNumber + ": not a JSON object (" + problem + ")");
    }
}
