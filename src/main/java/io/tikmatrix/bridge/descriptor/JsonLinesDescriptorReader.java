package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.SecretValues;
import java.io.IOException;

/** A {@code .jsonl}/{@code .ndjson} file: one descriptor per line, positioned by 1-based line number. */
final class JsonLinesDescriptorReader extends FileEntryReader {

    private final BoundedLines lines;
    private long lineNumber;

    JsonLinesDescriptorReader(BoundedLines lines, String fileName, String origin, InboxLimits limits) {
        super(lines, fileName, origin, limits);
        this.lines = lines;
    }

    @Override
    protected Descriptor readNext() throws IOException {
        for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
            lineNumber++;
            if (line.text() == null) {
                return tooLarge(lineNumber, line.bytes());
            }
            if (!line.text().isBlank()) {
                return entry(line.text());
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
        return unparsable(lineNumber, "not a JSON object (" + problem + ")");
    }
}
