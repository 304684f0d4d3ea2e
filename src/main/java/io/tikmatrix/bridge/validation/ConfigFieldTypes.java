package io.tikmatrix.bridge.validation;

import java.util.Set;

/** What the scripts' schemas say of {@code script_config} fields: their types, and their names (CSV columns). */
public interface ConfigFieldTypes {

    FieldType typeOf(String scriptName, String field);

    /** The fields the script's schema declares; empty for a script without a schema. */
    Set<String> fieldsOf(String scriptName);

    /** The fields any script's schema declares. */
    Set<String> allFields();
}
