package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Decides whether the simulated API takes a {@code POST /task} body, by the rules the TikMatrix API reference
 * states (see README, "The simulator"): no {@code script_name} is 40002, a script the API does not take is
 * 40003, and anything else wrong is 40001 naming the field. Written apart from the bridge's own validator on
 * purpose: a simulator that asked the bridge would confirm the bridge's validation bugs instead of catching them.
 * Fields the reference does not document are let through, as the real API is lenient about them.
 */
final class SimulatedValidation {

    static final int NO_SCRIPT_NAME = 40002;
    static final int SCRIPT_NOT_AVAILABLE = 40003;

    /** What a documented {@code script_config} field must hold; only the obvious mistakes are refused. */
    private enum Kind {
        NUMBER("a number", value -> value.isNumber() || (value.isTextual() && isNumber(value.asText()))),
        TEXTS("an array of non-blank texts", value -> value.isArray() && allTexts(value)),
        OBJECT("an object", JsonNode::isObject),
        /** a text or a flag: the reference does not say how strictly the API parses these, so only a container is refused */
        SCALAR("a single value", JsonNode::isValueNode);

        private final String description;
        private final Predicate<JsonNode> accepts;

        Kind(String description, Predicate<JsonNode> accepts) {
            this.description = description;
            this.accepts = accepts;
        }
    }

    /** A script the API takes: the config fields the reference documents for it, and its rules across fields. */
    private record Script(Map<String, Kind> fields, Consumer<JsonNode> rules) {
    }

    private static final Consumer<JsonNode> NO_RULES = config -> { };

    private static final Map<String, Kind> FOLLOW_FIELDS = Map.of(
            "target_users", Kind.TEXTS, "target_user", Kind.SCALAR, "access_method", Kind.SCALAR);

    private static final Script FOLLOW = new Script(FOLLOW_FIELDS,
            config -> requireOneOf(config, "target_users", "target_user"));

    private static final Map<String, Script> SCRIPTS = Map.of(
            "post", new Script(Map.ofEntries(
                    Map.entry("content_type", Kind.NUMBER), Map.entry("image_count", Kind.NUMBER),
                    Map.entry("captions", Kind.SCALAR), Map.entry("post_way", Kind.SCALAR),
                    Map.entry("material_source", Kind.SCALAR), Map.entry("material_path", Kind.SCALAR),
                    Map.entry("material_list", Kind.TEXTS), Map.entry("materials_tags", Kind.SCALAR),
                    Map.entry("upload_wait_time", Kind.NUMBER), Map.entry("sound_wait_time", Kind.NUMBER),
                    Map.entry("add_sound", Kind.SCALAR), Map.entry("sound_name", Kind.SCALAR),
                    Map.entry("custom_sound_keyword", Kind.SCALAR), Map.entry("origin_sound_volume", Kind.NUMBER),
                    Map.entry("add_sound_volume", Kind.NUMBER), Map.entry("add_product_link", Kind.NUMBER),
                    Map.entry("placement", Kind.SCALAR)),
                    config -> {
                        requireWhen(config, "material_source", "localFolder", "material_path");
                        requireWhen(config, "post_way", "useSound", "sound_name");
                        requireWhen(config, "add_sound", "custom", "custom_sound_keyword");
                    }),
            "follow", FOLLOW,
            "unfollow", FOLLOW,
            "account_warmup", new Script(Map.ofEntries(
                    Map.entry("task_duration", Kind.NUMBER), Map.entry("topic", Kind.SCALAR),
                    Map.entry("min_duration", Kind.NUMBER), Map.entry("max_duration", Kind.NUMBER),
                    Map.entry("like_probable", Kind.NUMBER), Map.entry("floow_probable", Kind.NUMBER),
                    Map.entry("collect_probable", Kind.NUMBER), Map.entry("comment_probable", Kind.NUMBER),
                    Map.entry("comment", Kind.SCALAR), Map.entry("insert_emoji", Kind.SCALAR),
                    Map.entry("comment_order", Kind.SCALAR), Map.entry("generate_by_chatgpt", Kind.SCALAR),
                    Map.entry("chatgpt_settings", Kind.OBJECT)),
                    NO_RULES),
            "comment", new Script(Map.of(
                    "target_post_urls", Kind.TEXTS, "target_post_url", Kind.SCALAR, "comment_content", Kind.SCALAR,
                    "comment_order", Kind.SCALAR, "insert_emoji", Kind.SCALAR, "comment_image_path", Kind.SCALAR),
                    config -> {
                        requireOneOf(config, "target_post_urls", "target_post_url");
                        if (blank(config.get("comment_content"))) {
                            throw ApiException.invalid("script_config.comment_content is required");
                        }
                    }));

    private SimulatedValidation() {
    }

    /** Returns when the API takes {@code body}; otherwise throws the error it answers. */
    static void check(ObjectNode body) {
        Script script = script(body.get("script_name"));
        requireDevicesOrAccounts(body);
        JsonNode config = body.get("script_config");
        if (config == null || !config.isObject()) {
            throw ApiException.invalid("script_config is required and must be an object");
        }
        script.fields().forEach((field, kind) -> {
            JsonNode value = config.get(field);
            if (present(value) && !kind.accepts.test(value)) {
                throw ApiException.invalid("script_config." + field + " must be " + kind.description + ", was " + value);
            }
        });
        script.rules().accept(config);
    }

    private static Script script(JsonNode name) {
        if (!present(name) || (name.isTextual() && name.asText().isBlank())) {
            throw new ApiException(NO_SCRIPT_NAME, "script_name is required");
        }
        if (!name.isTextual()) {
            throw ApiException.invalid("script_name must be a text, was " + name);
        }
        Script script = SCRIPTS.get(name.asText());
        if (script == null) {
            throw new ApiException(SCRIPT_NOT_AVAILABLE, "script '" + name.asText() + "' is not available through the API");
        }
        return script;
    }

    /** Device mode, account mode or both; a list given in the wrong shape is refused even when the other is fine. */
    private static void requireDevicesOrAccounts(ObjectNode body) {
        boolean some = false;
        for (String field : List.of("serials", "usernames")) {
            JsonNode names = body.get(field);
            if (!present(names)) {
                continue;
            }
            if (!Kind.TEXTS.accepts.test(names)) {
                throw ApiException.invalid(field + " must be " + Kind.TEXTS.description + ", was " + names);
            }
            some |= !names.isEmpty();
        }
        if (!some) {
            throw ApiException.invalid("serials or usernames is required: a non-empty array of texts");
        }
    }

    /** The list field (already known to be an array of texts) or the single-text field must name at least one target. */
    private static void requireOneOf(JsonNode config, String listField, String textField) {
        JsonNode list = config.get(listField);
        if ((list == null || list.isEmpty()) && blank(config.get(textField))) {
            throw ApiException.invalid("script_config." + listField + " or script_config." + textField + " is required");
        }
    }

    private static void requireWhen(JsonNode config, String field, String value, String required) {
        if (value.equals(config.path(field).asText()) && blank(config.get(required))) {
            throw ApiException.invalid("script_config." + required + " is required when " + field + " is " + value);
        }
    }

    /** JSON null counts as absent, as it would take the field's default. */
    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private static boolean blank(JsonNode value) {
        return !present(value) || value.asText().isBlank();
    }

    private static boolean allTexts(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
