package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.MappingIterator;
import io.tikmatrix.bridge.validation.SecretMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decides whether an inbox file can be read at all, before any of its descriptors is acted on, so a broken
 * file is dead-lettered whole (README, "Errors, retries and dead letters") instead of half-submitted. One streaming pass hashes the raw bytes,
 * checks they are strict UTF-8 and checks the structure of the kind; memory stays constant whatever the size.
 */
public final class FileInspector {

    private static final int SCAN_CHARS = 8192;

    private final Charset csvCharset;

    /** Every file read as UTF-8. */
    public FileInspector() {
        this(StandardCharsets.UTF_8);
    }

    /** @param csvCharset {@code bridge.inbox.csv-charset}: what CSV files are read as; JSON is UTF-8 by its standard */
    public FileInspector(Charset csvCharset) {
        this.csvCharset = csvCharset;
    }

    public Inspection inspect(Path file) throws IOException, UnreadableFileException {
        String name = file.getFileName().toString();
        InboxFileKind kind = InboxFileKind.of(name).orElseThrow(
                () -> new UnreadableFileException(name + ": not a .json, .jsonl, .ndjson or .csv file"));
        Charset charset = kind == InboxFileKind.CSV ? csvCharset : StandardCharsets.UTF_8;
        MessageDigest sha256 = sha256();
        try (StrictTextInputStream bytes = new StrictTextInputStream(new DigestInputStream(Files.newInputStream(file), sha256), charset);
             BufferedReader text = InboxText.reader(bytes, charset)) {
            long entries = switch (kind) {
                case JSON -> checkJson(name, text);
                case JSON_LINES -> checkJsonLines(name, text);
                case CSV -> checkCsv(name, text);
            };
            return new Inspection(kind, HexFormat.of().formatHex(sha256.digest()), bytes.byteCount(), charset, entries);
        } catch (StrictTextInputStream.MalformedTextException e) {
            throw new UnreadableFileException(name + ": " + e.getMessage() + howToFix(kind, charset));
        }
    }

    /**
     * Excel's "CSV (Comma delimited)" writes the Windows code page, not UTF-8: the first accented letter or
     * curly quote then stops the file, and the user needs the way out, not only the byte.
     */
    private static String howToFix(InboxFileKind kind, Charset charset) {
        if (kind != InboxFileKind.CSV) {
            return "; save the file as UTF-8";
        }
        return StandardCharsets.UTF_8.equals(charset)
                ? "; in Excel, save it as \"CSV UTF-8 (Comma delimited)\", or set bridge.inbox.csv-charset=windows-1252"
                        + " for Excel's \"CSV (Comma delimited)\""
                : "; set bridge.inbox.csv-charset to the charset the file was saved in, or save it as \"CSV UTF-8\"";
    }

    /**
     * One object, or one array; array elements that are not objects are the reader's per-position problem.
     *
     * @return the number of entries: 1 for an object, the array's length for an array
     */
    private static long checkJson(String name, BufferedReader text) throws IOException, UnreadableFileException {
        try (JsonParser parser = DescriptorJson.MAPPER.createParser(text)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new UnreadableFileException(name + ": empty");
                }
                if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                    throw new UnreadableFileException(name + ": the JSON is neither an object nor an array");
                }
                long entries = 1;
                if (first == JsonToken.START_ARRAY) {
                    for (entries = 0; parser.nextToken() != JsonToken.END_ARRAY; entries++) {
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
                if (parser.nextToken() != null) {
                    throw new UnreadableFileException(name + ": more than one JSON value, the second"
                            + DescriptorJson.lineAndColumn(parser.currentTokenLocation()));
                }
                return entries;
            } catch (JsonEOFException e) {
                throw new UnreadableFileException(name + ": truncated JSON" + DescriptorJson.lineAndColumn(e.getLocation()));
            } catch (StreamConstraintsException e) {
                throw new UnreadableFileException(name + ": JSON nested deeper than " + DescriptorJson.MAX_NESTING_DEPTH
                        + " levels" + DescriptorJson.lineAndColumn(parser.currentLocation()));
            } catch (JsonProcessingException e) {
                throw new UnreadableFileException(name + ": not valid JSON" + DescriptorJson.lineAndColumn(e.getLocation())
                        + ": " + problemOf(e, parser));
            }
        }
    }

    /** The parser quotes the token it stumbled on: at the value of an api_key that token is the key itself. */
    private static String problemOf(JsonProcessingException e, JsonParser parser) {
        return SecretMasker.SECRET_FIELD.equals(parser.getParsingContext().getCurrentName())
                ? "malformed value of " + SecretMasker.SECRET_FIELD : e.getOriginalMessage();
    }

    /**
     * Lines are judged one by one when read; here the file only has to hold something besides blank lines.
     *
     * @return the number of lines that are not blank
     */
    private static long checkJsonLines(String name, BufferedReader text) throws IOException, UnreadableFileException {
        long entries = 0;
        boolean lineHasContent = false;
        char[] chunk = new char[SCAN_CHARS];
        for (int n = text.read(chunk); n >= 0; n = text.read(chunk)) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    entries += lineHasContent ? 1 : 0;
                    lineHasContent = false;
                } else if (!lineHasContent && !Character.isWhitespace(chunk[i])) {
                    lineHasContent = true;
                }
            }
        }
        entries += lineHasContent ? 1 : 0;
        if (entries == 0) {
            throw new UnreadableFileException(name + ": empty");
        }
        return entries;
    }

    /** @return the number of rows after the header that are not blank */
    private static long checkCsv(String name, BufferedReader text) throws IOException, UnreadableFileException {
        try (MappingIterator<String[]> records = CsvDialect.records(text)) {
            boolean headerBlank = !records.hasNextValue() || CsvDialect.isBlank(records.nextValue());
            long entries = 0;
            while (records.hasNextValue()) {
                entries += CsvDialect.isBlank(records.nextValue()) ? 0 : 1;
            }
            if (headerBlank) {
                throw new UnreadableFileException(name + (entries > 0 ? ": no header row" : ": empty"));
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException(name + ": not valid CSV" + DescriptorJson.lineAndColumn(e.getLocation())
                    + ": " + e.getOriginalMessage());
        }
    }

    /** A fresh SHA-256 digest, the hash of every inbox file. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
