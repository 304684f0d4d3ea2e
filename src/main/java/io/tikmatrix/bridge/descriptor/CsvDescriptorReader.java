package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.databind.MappingIterator;
import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code .csv} file: one descriptor per record after the header. Positions count CSV records with the
 * header as row 1, so a quoted field spanning lines does not shift the rows after it; blank records are
 * skipped but still counted.
 */
final class CsvDescriptorReader extends FileEntryReader {

    private final MappingIterator<String[]> records;
    private final CsvRowMapper rows;
    private long row = 1;

    CsvDescriptorReader(BufferedReader text, String fileName, String origin, ConfigFieldTypes types, InboxLimits limits)
            throws IOException {
        super(text, fileName, origin, limits);
        this.records = CsvDialect.records(text);
        this.rows = new CsvRowMapper(records.hasNextValue() ? records.nextValue() : new String[0], types);
    }

    @Override
    protected Descriptor readNext() throws IOException {
        while (records.hasNextValue()) {
            String[] cells = records.nextValue();
            row++;
            if (!CsvDialect.isBlank(cells)) {
                return entry(cells);
            }
        }
        return null;
    }

    private Descriptor entry(String[] cells) {
        if (cells.length != rows.columnCount()) {
            return unparsable(row, cells.length + " cells where the header has " + rows.columnCount());
        }
        long bytes = utf8Bytes(cells);
        if (bytes > limits.maxDescriptorBytes()) {
            return tooLarge(row, bytes);
        }
        CsvRowMapper.Row mapped = rows.toRow(cells);
        return mapped.problems().isEmpty() ? descriptor(mapped.body(), row)
                : rejected(mapped.body(), row, String.join("; ", mapped.problems()));
    }

    /** The size of a row as the bytes of its cells, without quotes and delimiters. */
    private static long utf8Bytes(String[] cells) {
        long bytes = 0;
        for (String cell : cells) {
            bytes += cell.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        records.close();
        super.close();
    }
}
