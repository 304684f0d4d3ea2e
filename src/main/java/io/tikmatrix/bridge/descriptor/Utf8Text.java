package io.tikmatrix.bridge.descriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens inbox files as UTF-8 text without the byte-order mark, which neither Jackson nor users expect. */
final class Utf8Text {

    private static final int BYTE_ORDER_MARK = '\uFEFF';
    private static final int BUFFER_CHARS = 64 * 1024;

    private Utf8Text() {
    }

    static BufferedReader open(Path file) throws IOException {
        return reader(Files.newInputStream(file));
    }

    static BufferedReader reader(InputStream bytes) throws IOException {
        BufferedReader text = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), BUFFER_CHARS);
        text.mark(1);
        if (text.read() != BYTE_ORDER_MARK) {
            text.reset();
        }
        return text;
    }
}
