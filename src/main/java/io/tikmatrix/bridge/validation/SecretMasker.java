package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Hides secrets before a descriptor is written anywhere a person or another system can read it
 * (dead letters, receipts, logs): account_warmup carries a ChatGPT key in
 * {@code script_config.chatgpt_settings.api_key}.
 */
public final class SecretMasker {

    public static final String SECRET_FIELD = "api_key";
    static final String MASK = "***";

    private SecretMasker() {
    }

    /** A deep copy of {@code descriptor} with every non-null {@code api_key}, at any depth, replaced by {@code ***}. */
    public static ObjectNode mask(JsonNode descriptor) {
        if (descriptor == null || !descriptor.isObject()) {
            throw new IllegalArgumentException("a descriptor must be a JSON object");
        }
        ObjectNode copy = (ObjectNode) descriptor.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** Whether a descriptor shows a masked secret: it comes back from a dead-letter record. */
    public static boolean showsMask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (SECRET_FIELD.equals(field.getKey()) && MASK.equals(field.getValue().asText(null)) || showsMask(field.getValue())) {
                    return true;
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                if (showsMask(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Puts back, in a replayed descriptor, each secret that its dead-letter record shows as {@code ***},
     * taking it from the descriptor as first received. Fields the user edited before the replay stay as edited.
     */
    public static void restore(JsonNode masked, JsonNode original) {
        // after a restart the secrets of a replayed descriptor are known again only from here
        SecretValues.rememberIn(original);
        putBack(masked, original);
    }

    private static void putBack(JsonNode masked, JsonNode original) {
        if (masked instanceof ObjectNode object && original != null && original.isObject()) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode before = original.get(field.getKey());
                if (SECRET_FIELD.equals(field.getKey()) && MASK.equals(field.getValue().asText(null)) && before != null && !before.isNull()) {
                    field.setValue(before.deepCopy());
                } else {
                    putBack(field.getValue(), before);
                }
            }
        } else if (masked != null && masked.isArray() && original != null && original.isArray()) {
            for (int i = 0; i < masked.size() && i < original.size(); i++) {
                putBack(masked.get(i), original.get(i));
            }
        }
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (SECRET_FIELD.equals(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(SecretMasker::maskInPlace);
        }
    }
}
