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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCRIPT_NAME = "script_name";
    private static final String SCRIPT_CONFIG = "script_config";

    private final String[] columns;
    private final ConfigFieldTypes types;
    private final int scriptNameIndex;

    CsvRowMapper(String[] header, ConfigFieldTypes types) {
        this.columns = new String[header.length];
        int scriptName = -1;
        for (int i = 0; i < header.length; i++) {
            columns[i] = header[i].trim();
            if (columns[i].equals(SCRIPT_NAME)) {
                scriptName = i;
            }
        }
        this.types = types;
        this.scriptNameIndex = scriptName;
    }

    int columnCount() {
        return columns.length;
    }

    /** The body of a row that has exactly {@link #columnCount()} cells; empty cells are left out. */
    ObjectNode toBody(String[] cells) throws BadCell {
        String scriptName = scriptNameIndex < 0 ? null : cells[scriptNameIndex];
        ObjectNode body = NODES.objectNode();
        ObjectNode config = NODES.objectNode();
        ObjectNode configColumns = NODES.objectNode();
        for (int i = 0; i < columns.length; i++) {
            String column = columns[i];
            String value = cells[i];
            if (column.isEmpty() || value.isBlank()) {
                continue;
            }
            switch (column) {
                case "serials", "usernames" -> body.set(column, list(value));
                case SCRIPT_NAME, "start_time", "id" -> body.put(column, value);
                case "enable_multi_account" -> body.put(column, bool(column, value));
                case SCRIPT_CONFIG -> config.setAll(object(column, value));
                default -> configColumns.set(column, convert(column, value, types.typeOf(scriptName, column)));
            }
        }
        // a column names one field precisely, so it wins over the same field inside a script_config cell
        config.setAll(configColumns);
        if (!config.isEmpty()) {
            body.set(SCRIPT_CONFIG, config);
        }
        return body;
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
