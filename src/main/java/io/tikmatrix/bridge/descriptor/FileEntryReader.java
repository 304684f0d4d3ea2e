package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.Rejection;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * The common part of the inbox file readers: pulls one entry ahead so {@link #hasNext()} can answer, and
 * gives every entry its file source and positional key.
 */
abstract class FileEntryReader implements DescriptorReader {

    private static final String MALFORMED = "40001";

    protected final String fileName;
    private final String sha256;
    private final Closeable text;
    private Descriptor ahead;
    private boolean exhausted;

    FileEntryReader(Closeable text, String fileName, String sha256) {
        this.text = text;
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The next entry of the file, or null at its end. */
    protected abstract Descriptor readNext() throws IOException;

    protected Descriptor descriptor(ObjectNode body, long position) {
        return Descriptor.of(body, Source.file(fileName, position),
                DescriptorKeys.forFileEntry(body, fileName, sha256, position));
    }

    /** An entry that cannot be sent; its reason must name the file and position so a person can fix it. */
    protected Descriptor unparsable(long position, String reason) {
        return Descriptor.unparsable(Source.file(fileName, position),
                DescriptorKeys.forFileEntry(null, fileName, sha256, position), Rejection.of(MALFORMED, reason));
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
