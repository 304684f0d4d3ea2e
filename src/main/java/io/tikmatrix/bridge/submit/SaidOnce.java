package io.tikmatrix.bridge.submit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what was said, so a warning that every row of a file would repeat is said once. Bounded (the least
 * recently said is forgotten first): a bridge that runs for months reads an unbounded number of files.
 */
final class SaidOnce {

    private static final int CAPACITY = 1024;

    private final Map<List<Object>, Boolean> said = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return whether this is the first time these parts are said (as far as the memory goes) */
    synchronized boolean add(Object... parts) {
        return said.put(Arrays.asList(parts), Boolean.TRUE) == null;
    }
}
