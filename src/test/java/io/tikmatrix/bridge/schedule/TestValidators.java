package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import io.tikmatrix.bridge.validation.Rejection;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Stand-ins for the real validator, which is written elsewhere: just enough rules to be rejected by. */
final class TestValidators {

    private TestValidators() {
    }

    /** Rejects a missing script_name (40002) and a task_duration that is not a number (40001). */
    static DescriptorValidator scriptNameAndTaskDuration() {
        return of(task -> {
            if (!task.hasNonNull("script_name")) {
                return Optional.of(Rejection.of(DeadLetterKey.NO_SCRIPT_NAME, "script_name: required"));
            }
            var duration = task.path("script_config").get("task_duration");
            if (duration != null && !duration.isNumber()) {
                return Optional.of(Rejection.of(DeadLetterKey.INVALID_PARAMETERS, "script_config.task_duration: expected number"));
            }
            return Optional.empty();
        });
    }

    private static DescriptorValidator of(Function<ObjectNode, Optional<Rejection>> rule) {
        return new DescriptorValidator() {
            @Override
            public Optional<Rejection> validate(ObjectNode descriptor) {
                return rule.apply(descriptor);
            }

            @Override
            public Set<String> unknownConfigFields(ObjectNode descriptor) {
                return Set.of();
            }
        };
    }
}
