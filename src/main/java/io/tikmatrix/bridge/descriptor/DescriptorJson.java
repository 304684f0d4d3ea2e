package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;

/**
 * The one JSON configuration for reading inbox files, shared so inspection and reading agree. Files come from
 * outside and get limits of their own; the JSON the bridge itself writes and reads goes through
 * {@link io.tikmatrix.bridge.json.Json}.
 */
final class DescriptorJson {

    /** Far deeper than any descriptor; a hostile file nested deeper is unreadable rather than a stack risk. */
    static final int MAX_NESTING_DEPTH = 64;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .build();

    /** For text that must hold one value and nothing after it: {@code {"a":1} x} is no JSON object. */
    static final ObjectReader WHOLE_VALUE = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DescriptorJson() {
    }

    /** "array", "string", "number", … for reasons such as "not a JSON object (found array)". */
    static String typeName(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String lineAndColumn(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }
}
