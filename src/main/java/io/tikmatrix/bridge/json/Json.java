package io.tikmatrix.bridge.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The bridge's one Jackson configuration, for everything it reads and writes as JSON (API requests and answers,
 * schemas, records, receipts, events). Inbox files are read with a copy of it that has tighter limits
 * ({@code descriptor.DescriptorJson}); the simulator stands for TikMatrix and keeps its own.
 */
public final class Json {

    /**
     * Configured once, here: an {@link ObjectMapper} is thread-safe only as long as nobody changes its
     * configuration, so callers read and write with it but never configure it.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
