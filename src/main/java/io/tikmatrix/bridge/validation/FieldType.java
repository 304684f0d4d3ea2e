package io.tikmatrix.bridge.validation;

/** The JSON type a script's schema gives a {@code script_config} field; drives CSV cell conversion. */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT,
    /** declared as more than one type (e.g. {@code add_sound}: "-1" or -1): the cell is kept as written */
    ANY,
    /** not in the schema: passed through as a string */
    UNKNOWN
}
