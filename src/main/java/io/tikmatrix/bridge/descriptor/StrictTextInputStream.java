package io.tikmatrix.bridge.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Passes bytes through unchanged while checking they are strict text of a charset (UTF-8, or
 * {@code bridge.inbox.csv-charset} for CSV), so the check shares the one pass that also hashes and parses the
 * file. An InputStreamReader would silently replace bad bytes and could not say at which byte they are; this
 * stream fails at the first bad byte and names its offset.
 */
final class StrictTextInputStream extends InputStream {

    /** Bytes that are not text of the charset, at a 0-based offset into the file. */
    static final class MalformedTextException extends IOException {
        MalformedTextException(Charset charset, long byteOffset) {
            super("not valid " + charset.name() + " at byte " + byteOffset);
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    /** Bytes waiting to be decoded; an incomplete sequence at the end of a chunk stays here for the next. */
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    /** Decoded characters are not needed, only the verdict: this buffer is overwritten again and again. */
    private final CharBuffer discarded = CharBuffer.allocate(8192);
    /** File offset of the first byte in {@link #pending}. */
    private long decodedBytes;
    private long byteCount;
    private boolean finished;

    StrictTextInputStream(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The number of bytes that have passed through. */
    long byteCount() {
        return byteCount;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            finish();
        } else {
            check(buffer, offset, n);
            byteCount += n;
        }
        return n;
    }

    private void check(byte[] buffer, int offset, int length) throws MalformedTextException {
        while (length > 0) {
            int chunk = Math.min(length, pending.remaining());
            pending.put(buffer, offset, chunk);
            offset += chunk;
            length -= chunk;
            decodePending(false);
        }
    }

    private void finish() throws MalformedTextException {
        if (!finished) {
            finished = true;
            decodePending(true);
        }
    }

    private void decodePending(boolean endOfInput) throws MalformedTextException {
        pending.flip();
        CoderResult result;
        do {
            discarded.clear();
            result = decoder.decode(pending, discarded, endOfInput);
        } while (result.isOverflow());
        if (result.isError()) {
            throw new MalformedTextException(charset, decodedBytes + pending.position());
        }
        decodedBytes += pending.position();
        pending.compact();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
