package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How many tasks one call of {@code POST /task} makes for a descriptor, as far as the API reference says:
 * follow, unfollow and comment make one per target per device or account; post and account_warmup are
 * taken as one per device or account (the reference states no rule for them, and nothing when
 * {@code enable_multi_account} asks for every account of a device). Where the count is not known, a call
 * whose answer was lost can only be settled when TikMatrix holds none of its tasks.
 */
final class ExpectedTasks {

    /** Per script: the array field of targets and the single-text field that may list several. */
    record TargetFields(String list, String text) {
    }

    private static final TargetFields TARGET_USERS = new TargetFields("target_users", "target_user");
    private static final Map<String, TargetFields> TARGETS_BY_SCRIPT = Map.of(
            "follow", TARGET_USERS,
            "unfollow", TARGET_USERS,
            "comment", new TargetFields("target_post_urls", "target_post_url"));
    private static final List<String> ONE_PER_PLACE = List.of("post", "account_warmup");

    private ExpectedTasks() {
    }

    static OptionalInt of(JsonNode body) {
        String script = body.path("script_name").asText();
        List<String> serials = texts(body.get("serials"));
        int places = serials.isEmpty() ? texts(body.get("usernames")).size() : serials.size();
        if (TARGETS_BY_SCRIPT.containsKey(script)) {
            return OptionalInt.of(places * targets(body).size());
        }
        boolean everyAccountOfADevice = !serials.isEmpty() && body.path("enable_multi_account").asBoolean(false);
        return ONE_PER_PLACE.contains(script) && !everyAccountOfADevice ? OptionalInt.of(places) : OptionalInt.empty();
    }

    /** The targets a per-target script fans out over; empty for other scripts. */
    static List<String> targets(JsonNode body) {
        TargetFields fields = TARGETS_BY_SCRIPT.get(body.path("script_name").asText());
        if (fields == null) {
            return List.of();
        }
        JsonNode config = body.path("script_config");
        List<String> targets = texts(config.get(fields.list()));
        return targets.isEmpty()
                ? Arrays.stream(config.path(fields.text()).asText("").split("[\\r\\n,]+")).map(String::trim).filter(t -> !t.isEmpty()).toList()
                : targets;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> {
                if (!item.asText().isBlank()) {
                    texts.add(item.asText().trim());
                }
            });
        }
        return texts;
    }
}
