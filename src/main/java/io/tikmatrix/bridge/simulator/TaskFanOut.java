package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Splits one {@code POST /task} body into the tasks the API creates for it (TikMatrix API reference, see README):
 * follow, unfollow and comment make one task per target per device/account, every other script one
 * task per device/account.
 */
final class TaskFanOut {

    /** One task to create: exactly one of serial and username is set; target may be null. */
    record Draft(String serial, String username, String target) {
    }

    /** Per script: the array field of targets and the single-text field that may list several. */
    private record TargetFields(String list, String text) {
    }

    private static final TargetFields TARGET_USERS = new TargetFields("target_users", "target_user");
    private static final Map<String, TargetFields> TARGETS_BY_SCRIPT = Map.of(
            "follow", TARGET_USERS,
            "unfollow", TARGET_USERS,
            "comment", new TargetFields("target_post_urls", "target_post_url"));

    private TaskFanOut() {
    }

    static List<Draft> drafts(ObjectNode body) {
        List<String> targets = targets(body);
        List<Draft> drafts = new ArrayList<>();
        for (String serial : texts(body.get("serials"))) {
            for (String target : targets) {
                drafts.add(new Draft(serial, null, target));
            }
        }
        for (String username : texts(body.get("usernames"))) {
            for (String target : targets) {
                drafts.add(new Draft(null, username, target));
            }
        }
        return drafts;
    }

    /** The targets to fan out over; a single null target when the script is not per target. */
    private static List<String> targets(ObjectNode body) {
        TargetFields fields = TARGETS_BY_SCRIPT.get(body.path("script_name").asText());
        JsonNode config = body.path("script_config");
        List<String> targets = fields == null ? List.of() : texts(config.get(fields.list()));
        if (targets.isEmpty() && fields != null) {
            targets = splitList(config.path(fields.text()).asText(""));
        }
        return targets.isEmpty() ? singleNull() : targets;
    }

    private static List<String> singleNull() {
        List<String> none = new ArrayList<>();
        none.add(null);
        return none;
    }

    private static List<String> texts(JsonNode array) {
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

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
