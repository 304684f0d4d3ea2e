package io.tikmatrix.bridge.validation;

/** Looks up the type of a {@code script_config} field in the schema of a script. */
@FunctionalInterface
public interface ConfigFieldTypes {
    FieldType typeOf(String scriptName, String field);
}
