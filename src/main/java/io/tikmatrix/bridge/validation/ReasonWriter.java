package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns validation messages into one short reason a person can act on: {@code <field path>: <what is wrong>},
 * sorted and joined with {@code "; "} so that the same mistake always reads the same.
 *
 * <p>The wording comes from the schemas: an error inside a subschema that has a {@code description} is
 * reported as that description (a rule such as "required when post_way is useSound"), named by the
 * subschema's {@code title} when the rule spans several fields. Other errors get a plain message built
 * from the failing keyword, because the library's own messages carry JSON-path syntax and vary by locale.
 */
final class ReasonWriter {

    /** Schema nodes whose members are named subschemas, so their own keys are not keywords. */
    private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "$defs", "patternProperties", "dependentSchemas");

    private final ScriptSchemas schemas;

    ReasonWriter(ScriptSchemas schemas) {
        this.schemas = schemas;
    }

    String reasonFor(Collection<ValidationMessage> messages) {
        Map<String, List<ValidationMessage>> byField = new TreeMap<>();
        for (ValidationMessage message : messages) {
            byField.computeIfAbsent(fieldOf(message), field -> new ArrayList<>()).add(message);
        }
        Set<String> reasons = new TreeSet<>();
        byField.forEach((field, fieldMessages) -> {
            // a value of the wrong type also fails its enum/range checks; only the type mistake is worth telling
            boolean wrongType = fieldMessages.stream().anyMatch(m -> "type".equals(m.getType()));
            fieldMessages.stream()
                    .filter(m -> !wrongType || "type".equals(m.getType()))
                    .forEach(m -> reasons.add(describe(field, m)));
        });
        return String.join("; ", reasons);
    }

    private String describe(String field, ValidationMessage message) {
        JsonNode rule = enclosingRule(message.getSchemaLocation());
        if (rule != null) {
            String named = rule.hasNonNull("title") ? rule.get("title").asText() : field;
            return named + ": " + rule.get("description").asText();
        }
        return field + ": " + plainWords(message);
    }

    /** The innermost schema around the failing keyword that states a rule in its description. */
    private JsonNode enclosingRule(SchemaLocation location) {
        JsonNodePath path = location.getFragment();
        for (JsonNodePath at = path; at != null; at = at.getParent()) {
            int count = at.getNameCount();
            if (count > 0 && SUBSCHEMA_MAPS.contains(at.getName(count - 1))) {
                continue;
            }
            JsonNode node = schemas.nodeAt(new SchemaLocation(location.getAbsoluteIri(), at));
            if (node.isObject() && node.hasNonNull("description")) {
                return node;
            }
        }
        return null;
    }

    private String plainWords(ValidationMessage message) {
        String keyword = message.getType();
        JsonNode value = schemas.nodeAt(message.getSchemaLocation());
        JsonNode schema = schemas.nodeAt(new SchemaLocation(message.getSchemaLocation().getAbsoluteIri(),
                message.getSchemaLocation().getFragment().getParent()));
        return switch (keyword) {
            case "type" -> "expected " + listOf(value, " or ") + ", got " + jsonType(message.getInstanceNode());
            case "required" -> "required";
            case "enum" -> "must be one of " + listOf(value, ", ");
            case "const" -> "must be " + value.asText();
            case "minimum", "maximum" -> range(schema);
            case "minLength" -> value.asInt() == 1 ? "must not be empty" : "must be at least " + value.asInt() + " characters";
            case "minItems" -> value.asInt() == 1 ? "must be a non-empty list" : "must have at least " + value.asInt() + " items";
            case "pattern" -> "must match " + value.asText();
            default -> message.getError();
        };
    }

    private static String range(JsonNode schema) {
        if (schema.has("minimum") && schema.has("maximum")) {
            return "must be between " + schema.get("minimum").asText() + " and " + schema.get("maximum").asText();
        }
        return schema.has("minimum") ? "must be at least " + schema.get("minimum").asText()
                : "must be at most " + schema.get("maximum").asText();
    }

    private static String listOf(JsonNode value, String separator) {
        if (!value.isArray()) {
            return value.asText();
        }
        return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(separator));
    }

    static String jsonType(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        return switch (node.getNodeType()) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** {@code script_config.material_list[0]}; a missing required property is named as the field itself. */
    private static String fieldOf(ValidationMessage message) {
        StringBuilder field = new StringBuilder();
        JsonNodePath path = message.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(element);
            }
        }
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            field.append(field.isEmpty() ? "" : ".").append(message.getProperty());
        }
        return field.isEmpty() ? "descriptor" : field.toString();
    }
}
