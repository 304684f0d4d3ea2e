package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileInspectorTest {

    @TempDir
    Path dir;

    private final FileInspector inspector = new FileInspector();

    @ParameterizedTest
    @CsvSource({"a.json,JSON", "A.JSON,JSON", "a.jsonl,JSON_LINES", "a.NDJSON,JSON_LINES", "a.Csv,CSV"})
    void kindComesFromTheExtensionWhateverItsCase(String name, InboxFileKind kind) {
        assertThat(InboxFileKind.of(name)).contains(kind);
    }

    @Test
    void otherExtensionsAreNoInboxFile() {
        assertThat(InboxFileKind.of("notes.txt")).isEmpty();
        assertThat(InboxFileKind.of("orders.json.done")).isEmpty();
    }

    @Test
    void hashesTheRawBytesAndCountsThem() throws Exception {
        byte[] bytes = "[{\"script_name\":\"post\"}]".getBytes(StandardCharsets.UTF_8);
        Path file = InboxFiles.write(dir, "orders.json", bytes);

        Inspection inspection = inspector.inspect(file);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(inspection).isEqualTo(new Inspection(InboxFileKind.JSON, expected, bytes.length, StandardCharsets.UTF_8, 1));
    }

    @Test
    void acceptsAByteOrderMark() throws Exception {
        byte[] withBom = InboxFiles.withByteOrderMark("{\"script_name\":\"post\"}");

        assertThat(inspector.inspect(InboxFiles.write(dir, "one.json", withBom)).size()).isEqualTo(withBom.length);
    }

    @Test
    void emptyFileIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "");
        assertThatThrownBy(() -> inspector.inspect(file)).isInstanceOf(UnreadableFileException.class)
                .hasMessage("orders.json: empty");
    }

    @ParameterizedTest
    @CsvSource({"orders.json", "events.jsonl", "rows.csv"})
    void whitespaceOnlyIsUnreadable(String name) throws Exception {
        Path file = InboxFiles.write(dir, name, "  \n\t\r\n   \n");
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessage(name + ": empty");
    }

    @Test
    void truncatedJsonIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "[\n{\"script_name\": \"post\"},\n{\"script_name\": \"po");
        assertThatThrownBy(() -> inspector.inspect(file)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("orders.json: truncated JSON at line 3");
    }

    @Test
    void invalidJsonNamesWhere() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "{\"a\": 1,\n \"b\" 2}");
        assertThatThrownBy(() -> inspector.inspect(file))
                .hasMessageStartingWith("orders.json: not valid JSON at line 2 column");
    }

    @Test
    void secondJsonValueIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "{\"a\": 1}\n{\"b\": 2}");
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessageContaining("more than one JSON value");
    }

    @Test
    void jsonScalarIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "orders.json", "\"post\"");
        assertThatThrownBy(() -> inspector.inspect(file))
                .hasMessage("orders.json: the JSON is neither an object nor an array");
    }

    @Test
    void deeplyNestedJsonIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "deep.json", "[".repeat(10_000) + "]".repeat(10_000));
        assertThatThrownBy(() -> inspector.inspect(file))
                .hasMessageStartingWith("deep.json: JSON nested deeper than 64 levels");
    }

    /** What the progress lines count to: the entries a reader will give, blank lines and rows left out. */
    @Test
    void countsTheEntries() throws Exception {
        assertThat(inspector.inspect(InboxFiles.write(dir, "one.json", "{\"a\": [1, 2]}")).entries()).isEqualTo(1);
        assertThat(inspector.inspect(InboxFiles.write(dir, "three.json", "[{\"a\": [1]}, [2], {}]")).entries()).isEqualTo(3);
        assertThat(inspector.inspect(InboxFiles.write(dir, "lines.jsonl", "{}\n\n  \n{}\r\n{}")).entries()).isEqualTo(3);
        assertThat(inspector.inspect(InboxFiles.write(dir, "rows.csv", "a,b\n1,\"x\ny\"\n,\n2,z\n")).entries()).isEqualTo(2);
    }

    @Test
    void bytesThatAreNotUtf8AreUnreadableAtTheirOffset() throws Exception {
        byte[] bytes = "{\"script_name\": \"p\u00f6st\"}".getBytes(StandardCharsets.ISO_8859_1);
        Path file = InboxFiles.write(dir, "orders.json", bytes);
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessage("orders.json: not valid UTF-8 at byte 18; save the file as UTF-8");
    }

    @Test
    void binaryIsUnreadable() throws Exception {
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Path file = InboxFiles.write(dir, "rows.csv", bytes);
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessageStartingWith("rows.csv: not valid UTF-8 at byte");
    }

    @Test
    void utf8CutInTheMiddleOfACharacterIsUnreadable() throws Exception {
        byte[] whole = "a,b\nx,🔥".getBytes(StandardCharsets.UTF_8);
        Path file = InboxFiles.write(dir, "rows.csv", java.util.Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessageStartingWith("rows.csv: not valid UTF-8 at byte 6; in Excel, save it as \"CSV UTF-8 (Comma delimited)\"");
    }

    @Test
    void csvWithoutHeaderIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", " , ,\npost,a|b,3\n");
        assertThatThrownBy(() -> inspector.inspect(file)).hasMessage("rows.csv: no header row");
    }

    @Test
    void csvWithUnterminatedQuoteIsUnreadable() throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", "script_name,serials\npost,\"a|b\nlike,c\n");
        assertThatThrownBy(() -> inspector.inspect(file))
                .hasMessageStartingWith("rows.csv: not valid CSV at line")
                .hasMessageContaining("quote");
    }

    @Test
    void jsonLinesAreJudgedLineByLineLater() throws Exception {
        Path file = InboxFiles.write(dir, "events.jsonl", "\n{\"a\":1}\nnot json\n");
        assertThat(inspector.inspect(file).kind()).isEqualTo(InboxFileKind.JSON_LINES);
    }

    @Test
    void otherKindsOfFileAreRefused() throws Exception {
        Path file = InboxFiles.write(dir, "notes.txt", "hello");
        assertThatThrownBy(() -> inspector.inspect(file)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("notes.txt: not a .json");
    }
}
