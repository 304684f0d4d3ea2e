package io.tikmatrix.bridge.descriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens inbox files as text (UTF-8, or a CSV's configured charset) without the byte-order mark, which neither Jackson nor users expect. */
final class InboxText {

    private static final int BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER_CHARS = 64 * 1024;

    private InboxText() {
    }

    static BufferedReader open(Path file, Charset charset) throws IOException {
        return reader(Files.newInputStream(file), charset);
    }

    static BufferedReader reader(InputStream bytes, Charset charset) throws IOException {
        BufferedReader text = new BufferedReader(new InputStreamReader(bytes, charset), BUFFER_CHARS);
        text.mark(1);
        if (text.read() != BYTE_ORDER_MARK) {
            text.reset();
        }
        return text;
    }
}
