package io.tikmatrix.bridge.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table and the defaults file say the same: every bridge key of the defaults
 * ({@code bridge.*}, {@code tikmatrix.*}; the {@code camel.*} options derived from them are described below
 * the table) is a row with the same default, and every row is a key of the defaults. A row whose default
 * is "(unset)" is a key the defaults file only shows commented out; "(empty)" is an empty value.
 */
class ReadmeConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| (.+?) \\| .+\\|$");
    private static final String UNSET = "(unset)";

    @Test
    void everyDefaultIsARowWithItsValueAndEveryRowIsADefault() throws IOException {
        Map<String, String> table = readmeTable();
        Map<String, String> defaults = new TreeMap<>();
        defaultsFile().forEach((key, value) -> {
            if (key.toString().startsWith("bridge.") || key.toString().startsWith("tikmatrix.")) {
                defaults.put(key.toString(), value.toString());
            }
        });
        Map<String, String> tableSet = new TreeMap<>(table);
        tableSet.values().removeIf(UNSET::equals);

        assertThat(tableSet).containsExactlyEntriesOf(defaults);
        List<String> unset = table.entrySet().stream().filter(e -> UNSET.equals(e.getValue())).map(Map.Entry::getKey).toList();
        assertThat(unset).containsExactly("bridge.inbox.done-file-name");
        assertThat(defaultsText()).contains("\n#" + unset.get(0) + "=");
    }

    /** The rows of the first table under "## Configuration", key to default, in README order. */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("\n## Configuration\n"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, String> rows = new LinkedHashMap<>();
        section.lines().forEach(line -> {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String previous = rows.put(row.group(1), defaultOf(row.group(2)));
                assertThat(previous).as("a second row for %s", row.group(1)).isNull();
            }
        });
        assertThat(rows).as("rows of the README's configuration table").isNotEmpty();
        return rows;
    }

    private static String defaultOf(String cell) {
        if (cell.equals("(empty)")) {
            return "";
        }
        if (cell.equals(UNSET)) {
            return UNSET;
        }
        assertThat(cell).as("a default in one code span").matches("`[^`]+`");
        return cell.substring(1, cell.length() - 1);
    }

    private static Properties defaultsFile() throws IOException {
        Properties defaults = new Properties();
        try (Reader reader = new InputStreamReader(defaultsStream(), StandardCharsets.UTF_8)) {
            defaults.load(reader);
        }
        return defaults;
    }

    private static String defaultsText() throws IOException {
        try (InputStream in = defaultsStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream defaultsStream() {
        InputStream in = ReadmeConfigurationTableTest.class.getClassLoader().getResourceAsStream(BridgeProperties.DEFAULTS);
        assertThat(in).as(BridgeProperties.DEFAULTS + " on the classpath").isNotNull();
        return in;
    }
}
