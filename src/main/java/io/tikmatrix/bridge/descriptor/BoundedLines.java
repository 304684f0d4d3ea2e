package io.tikmatrix.bridge.descriptor;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits UTF-8 bytes into lines while keeping no more of one line than a limit: the rest of a longer line
 * is only counted, so one 50 MB line costs the memory of the limit. (BufferedReader.readLine would hold it whole.)
 */
final class BoundedLines implements Closeable {

    /** One line without its line break; {@code text} is null when the line had more than the limit's bytes. */
    record Line(String text, long bytes) {
    }

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final long limit;
    private final byte[] buffer = new byte[64 * 1024];
    private int next;
    private int end;
    private boolean first = true;

    BoundedLines(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** @return the next line, or null at the end of the input */
    Line next() throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long bytes = 0;
        boolean any = false;
        while (fill()) {
            any = true;
            int stop = next;
            while (stop < end && buffer[stop] != '\n') {
                stop++;
            }
            int length = stop - next;
            if (kept != null && bytes + length <= limit) {
                kept.write(buffer, next, length);
            } else {
                kept = null;
            }
            bytes += length;
            next = stop;
            if (stop < end) {
                next++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        return new Line(kept == null ? null : text(kept.toByteArray()), bytes);
    }

    private boolean fill() throws IOException {
        if (next < end) {
            return true;
        }
        next = 0;
        end = Math.max(in.read(buffer), 0);
        if (first) {
            first = false;
            if (end >= BYTE_ORDER_MARK.length && buffer[0] == BYTE_ORDER_MARK[0] && buffer[1] == BYTE_ORDER_MARK[1]
                    && buffer[2] == BYTE_ORDER_MARK[2]) {
                next = BYTE_ORDER_MARK.length;
            }
        }
        return next < end;
    }

    /** The bytes were checked to be strict UTF-8 when the file was inspected; a trailing CR of CRLF is dropped. */
    private static String text(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
