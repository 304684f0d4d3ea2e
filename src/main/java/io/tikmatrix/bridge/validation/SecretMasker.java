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

    static final String SECRET_FIELD = "api_key";
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
