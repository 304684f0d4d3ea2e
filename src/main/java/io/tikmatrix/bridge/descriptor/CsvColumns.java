package io.tikmatrix.bridge.descriptor;

import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What each header cell of a CSV file names, for the script of a row (README, "Descriptors"). Spreadsheet users
 * write {@code Script_Name} as readily as {@code script_name}, so names match whatever their case; and a column
 * a typo away from a field of the row's script ({@code captoins}) would otherwise pass through unnoticed while
 * the task is made without its caption, so it is named as a problem with the field it most likely means.
 */
final class CsvColumns {

    /** A header cell as it applies to one script: the field it names, or the field it seems to misspell. */
    record Column(String name, String meant) {

        boolean misspelt() {
            return meant != null;
        }
    }

    static final String SCRIPT_NAME = "script_name";
    static final String SCRIPT_CONFIG = "script_config";
    static final List<String> TOP_LEVEL =
            List.of("serials", "usernames", SCRIPT_NAME, SCRIPT_CONFIG, "enable_multi_account", "start_time", "id");

    private final String[] header;
    private final ConfigFieldTypes types;
    /** Rows of one script share one resolution; a file names a handful of scripts. */
    private final Map<String, Column[]> byScript = new ConcurrentHashMap<>();

    CsvColumns(String[] cells, ConfigFieldTypes types) {
        this.header = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            header[i] = canonical(cells[i].trim(), TOP_LEVEL);
        }
        this.types = types;
    }

    int count() {
        return header.length;
    }

    /** The index of the script_name column, or -1. */
    int scriptNameIndex() {
        return List.of(header).indexOf(SCRIPT_NAME);
    }

    /** The columns as they apply to a row of {@code script} (null when the row names none). */
    Column[] forScript(String script) {
        return byScript.computeIfAbsent(script == null ? "" : script, this::resolve);
    }

    private Column[] resolve(String script) {
        Set<String> fields = types.fieldsOf(script);
        Column[] columns = new Column[header.length];
        for (int i = 0; i < header.length; i++) {
            String name = TOP_LEVEL.contains(header[i]) ? header[i] : canonical(header[i], fields);
            columns[i] = new Column(name, isKnown(name, fields) ? null : nearest(name, fields));
        }
        return columns;
    }

    /** A field of this script, or of any other: a mixed file's columns are each some script's field. */
    private boolean isKnown(String name, Set<String> fields) {
        return name.isEmpty() || TOP_LEVEL.contains(name) || fields.contains(name)
                || types.allFields().stream().anyMatch(name::equalsIgnoreCase);
    }

    private static String canonical(String name, Iterable<String> known) {
        for (String field : known) {
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return name;
    }

    /** The top-level or script field within reach of a typo, or null. */
    private static String nearest(String name, Set<String> fields) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String field : Stream.concat(TOP_LEVEL.stream(), fields.stream()).toList()) {
            int distance = editDistance(lower, field);
            if (distance <= typosAllowed(field) && distance < bestDistance) {
                best = field;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Two typos in a long name, one in a short one, none in {@code id}: a short name is near too many words. */
    static int typosAllowed(String field) {
        return field.length() >= 6 ? 2 : field.length() >= 3 ? 1 : 0;
    }

    /** Edits (insert, delete, replace, swap of neighbours) from one name to the other: captoins is 1 from captions. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
