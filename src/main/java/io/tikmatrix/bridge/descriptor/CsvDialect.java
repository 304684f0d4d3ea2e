package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * How inbox CSV is read: RFC 4180 quoting (quoted fields may hold delimiters and newlines), and a
 * delimiter of {@code ,} or {@code ;} — spreadsheets in many locales export {@code ;} — told from the header.
 */
final class CsvDialect {

    /** Header lines are short; a line longer than this is judged on its beginning. */
    private static final int HEADER_PEEK_CHARS = 64 * 1024;
    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvDialect() {
    }

    /** The records of the text, each as its cells; the first one is the header. */
    static MappingIterator<String[]> records(BufferedReader text) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separatorOfFirstLine(text));
        return MAPPER.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(schema)
                .readValues(text);
    }

    /** A record with nothing in it, such as a blank line or the {@code ,,,} rows spreadsheets leave behind. */
    static boolean isBlank(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** {@code ;} when it occurs more often than {@code ,} outside quotes on the first line; leaves the text where it was. */
    static char separatorOfFirstLine(BufferedReader text) throws IOException {
        text.mark(HEADER_PEEK_CHARS + 1);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0, c = text.read(); i < HEADER_PEEK_CHARS && c >= 0; i++, c = text.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        text.reset();
        return semicolons > commas ? ';' : ',';
    }
}
