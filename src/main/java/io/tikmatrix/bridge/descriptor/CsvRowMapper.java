package io.tikmatrix.bridge.descriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import io.tikmatrix.bridge.validation.FieldType;
import io.tikmatrix.bridge.validation.SecretValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the cells of a CSV row into a descriptor body (README, "Descriptors"): known columns become top-level fields,
 * every other column a {@code script_config} field of the type the script's schema gives it, since a
 * spreadsheet cell is always text but the API is strict about types.
 */
final class CsvRowMapper {

    /** A cell that does not convert to the type its column needs. */
    static final class BadCell extends Exception {
        BadCell(String column, String value, String problem) {
            // the cell is quoted in the reason: a key inside a cell that does not parse is hidden first
            super("field " + column + ": '" + SecretValues.maskRaw(value) + "' " + problem);
        }
    }

    /** What a row became: its body, with every cell that did not convert kept as written, and what is wrong with it. */
    record Row(ObjectNode body, List<String> problems) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CsvColumns columns;
    private final ConfigFieldTypes types;
    private final int scriptNameIndex;

    CsvRowMapper(String[] header, ConfigFieldTypes types) {
        this.columns = new CsvColumns(header, types);
        this.types = types;
        this.scriptNameIndex = columns.scriptNameIndex();
    }

    int columnCount() {
        return columns.count();
    }

    /**
     * The body of a row that has exactly {@link #columnCount()} cells; empty cells are left out. A cell that
     * does not convert, or stands in a misspelt column, is a problem of the row but stays in the body as text,
     * so the row's dead-letter record can be fixed and replayed.
     */
    Row toRow(String[] cells) {
        String scriptName = scriptNameIndex < 0 ? null : cells[scriptNameIndex].trim();
        CsvColumns.Column[] named = columns.forScript(scriptName);
        ObjectNode body = NODES.objectNode();
        ObjectNode config = NODES.objectNode();
        ObjectNode configColumns = NODES.objectNode();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < named.length; i++) {
            String column = named[i].name();
            String value = cells[i];
            if (column.isEmpty() || value.isBlank()) {
                continue;
            }
            if (named[i].misspelt()) {
                problems.add("column " + column + " is not a field of " + scriptName + "; did you mean `" + named[i].meant() + "`?");
                // kept as written in the record: a misspelt chatgpt_settings may hold a key
                SecretValues.rememberInText(value);
                configColumns.put(column, value);
                continue;
            }
            try {
                switch (column) {
                    case "serials", "usernames" -> body.set(column, list(value));
                    case CsvColumns.SCRIPT_NAME, "start_time", "id" -> body.put(column, value);
                    case "enable_multi_account" -> body.put(column, bool(column, value));
                    case CsvColumns.SCRIPT_CONFIG -> config.setAll(object(column, value));
                    default -> configColumns.set(column, convert(column, value, types.typeOf(scriptName, column)));
                }
            } catch (BadCell e) {
                problems.add(e.getMessage());
                (CsvColumns.TOP_LEVEL.contains(column) && !CsvColumns.SCRIPT_CONFIG.equals(column) ? body : configColumns)
                        .put(column, value);
            }
        }
        // a column names one field precisely, so it wins over the same field inside a script_config cell
        config.setAll(configColumns);
        if (!config.isEmpty()) {
            body.set(CsvColumns.SCRIPT_CONFIG, config);
        }
        return new Row(body, problems);
    }

    private static JsonNode convert(String column, String value, FieldType type) throws BadCell {
        return switch (type) {
            case INTEGER -> integer(column, value);
            case NUMBER -> number(column, value);
            case BOOLEAN -> NODES.booleanNode(bool(column, value));
            case ARRAY -> list(value);
            case OBJECT -> object(column, value);
            case STRING, ANY, UNKNOWN -> NODES.textNode(value);
        };
    }

    private static JsonNode integer(String column, String value) throws BadCell {
        try {
            return NODES.numberNode(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new BadCell(column, value, "is not an integer");
        }
    }

    private static JsonNode number(String column, String value) throws BadCell {
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.stripTrailingZeros().scale() <= 0) {
                return NODES.numberNode(number.longValueExact());
            }
            double fraction = number.doubleValue();
            if (Double.isFinite(fraction)) {
                return NODES.numberNode(fraction);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the one error below
        }
        throw new BadCell(column, value, "is not a number");
    }

    private static boolean bool(String column, String value) throws BadCell {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadCell(column, value, "is not a boolean (true/false, 1/0, yes/no)");
        };
    }

    private static ArrayNode list(String value) {
        ArrayNode list = NODES.arrayNode();
        for (String part : value.split("\\|")) {
            if (!part.isBlank()) {
                list.add(part.trim());
            }
        }
        return list;
    }

    private static ObjectNode object(String column, String value) throws BadCell {
        try {
            if (DescriptorJson.WHOLE_VALUE.readTree(value) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // falls through to the one error below
        }
        throw new BadCell(column, value, "is not a JSON object");
    }
}
