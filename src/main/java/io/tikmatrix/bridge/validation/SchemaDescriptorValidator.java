package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates descriptors against the per-script JSON Schemas in {@code schemas/} (TikMatrix's API documentation).
 * Schemas are loaded once in the constructor; an instance is immutable and safe to share between threads.
 */
public class SchemaDescriptorValidator implements DescriptorValidator, ConfigFieldTypes {

    private final ScriptSchemas schemas;
    private final ReasonWriter reasons;

    public SchemaDescriptorValidator() {
        this.schemas = new ScriptSchemas();
        this.reasons = new ReasonWriter(schemas);
    }

    @Override
    public Optional<Rejection> validate(ObjectNode descriptor) {
        JsonNode name = descriptor.get("script_name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            return Optional.of(Rejection.of(DeadLetterKey.NO_SCRIPT_NAME, "script_name: required"));
        }
        if (!name.isTextual()) {
            return Optional.of(Rejection.of(DeadLetterKey.INVALID_PARAMETERS,
                    "script_name: expected string, got " + ReasonWriter.jsonType(name)));
        }
        String script = name.asText();
        if (!schemas.supports(script)) {
            return Optional.of(Rejection.of(DeadLetterKey.SCRIPT_NOT_ALLOWED,
                    "script_name: script '" + script + "' is not available through the API"));
        }
        Set<ValidationMessage> messages = schemas.schema(script).validate(descriptor);
        return messages.isEmpty() ? Optional.empty()
                : Optional.of(Rejection.of(DeadLetterKey.INVALID_PARAMETERS, reasons.reasonFor(messages)));
    }

    /** Empty for a script without a schema: such a descriptor is rejected anyway. */
    @Override
    public Set<String> unknownConfigFields(ObjectNode descriptor) {
        JsonNode config = descriptor.get("script_config");
        JsonNode name = descriptor.get("script_name");
        if (config == null || !config.isObject() || name == null || !schemas.supports(name.asText())) {
            return Set.of();
        }
        JsonNode declared = schemas.configProperties(name.asText());
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> fields = config.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!declared.has(field)) {
                unknown.add(field);
            }
        }
        return Collections.unmodifiableSet(unknown);
    }

    @Override
    public Set<String> fieldsOf(String scriptName) {
        return schemas.configFields(scriptName);
    }

    @Override
    public Set<String> allFields() {
        return schemas.allConfigFields();
    }

    @Override
    public FieldType typeOf(String scriptName, String field) {
        JsonNode type = schemas.configProperties(scriptName).path(field).path("type");
        if (type.isArray()) {
            return type.size() == 1 ? fieldType(type.get(0).asText()) : FieldType.ANY;
        }
        return type.isTextual() ? fieldType(type.asText()) : FieldType.UNKNOWN;
    }

    private static FieldType fieldType(String jsonType) {
        return switch (jsonType) {
            case "string" -> FieldType.STRING;
            case "integer" -> FieldType.INTEGER;
            case "number" -> FieldType.NUMBER;
            case "boolean" -> FieldType.BOOLEAN;
            case "array" -> FieldType.ARRAY;
            case "object" -> FieldType.OBJECT;
            default -> FieldType.ANY;
        };
    }
}
