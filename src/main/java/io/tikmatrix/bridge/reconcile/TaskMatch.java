package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * Whether a task TikMatrix lists could be one a descriptor made. The API documents no field of a task
 * object; where a task shows its script configuration, device, account or target, each shown field must
 * agree with the descriptor, so two descriptors for the same device are told apart. A task that shows no
 * configuration cannot be told apart from another descriptor's.
 */
enum TaskMatch {
    MATCHES, DIFFERS, CANNOT_TELL;

    /** Numbers compare by value: TikMatrix may answer 600 where the descriptor said 600.0. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    static TaskMatch of(JsonNode task, JsonNode descriptor) {
        JsonNode shown = task.path("script_config");
        if (!shown.isObject()) {
            return CANNOT_TELL;
        }
        boolean agrees = configAgrees(descriptor.path("script_config"), shown)
                && shownIn(task, "serial", ExpectedTasks.texts(descriptor.get("serials")))
                && shownIn(task, "username", ExpectedTasks.texts(descriptor.get("usernames")))
                && shownIn(task, "target", ExpectedTasks.targets(descriptor));
        return agrees ? MATCHES : DIFFERS;
    }

    /** Every field the descriptor set is there with the same value; TikMatrix may add defaults of its own. */
    private static boolean configAgrees(JsonNode wanted, JsonNode shown) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode there = shown.get(field.getKey());
            if (there == null || !field.getValue().equals(SAME_VALUE, there)) {
                return false;
            }
        }
        return true;
    }

    /** A field the task does not show (or a descriptor without such a list) does not count against it. */
    private static boolean shownIn(JsonNode task, String field, List<String> allowed) {
        JsonNode value = task.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty() || allowed.isEmpty()) {
            return true;
        }
        String shown = normalized(value.asText());
        return allowed.stream().map(TaskMatch::normalized).anyMatch(shown::equals);
    }

    /** Accounts are written with and without the {@code @} in the API's own examples. */
    private static String normalized(String name) {
        String trimmed = name.trim();
        return (trimmed.startsWith("@") ? trimmed.substring(1) : trimmed).toLowerCase(Locale.ROOT);
    }
}
