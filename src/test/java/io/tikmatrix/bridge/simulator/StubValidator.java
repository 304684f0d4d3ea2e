package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.Rejection;
import io.tikmatrix.bridge.validation.DescriptorValidator;

import java.util.Optional;
import java.util.Set;

/** Just enough of the real validator for the simulator's tests: 40002 without script_name, 40003 for "like". */
final class StubValidator implements DescriptorValidator {

    @Override
    public Optional<Rejection> validate(ObjectNode descriptor) {
        if (!descriptor.hasNonNull("script_name")) {
            return Optional.of(Rejection.of("40002", "script_name is required"));
        }
        if ("like".equals(descriptor.get("script_name").asText())) {
            return Optional.of(Rejection.of("40003", "script like is not supported by the API yet"));
        }
        return Optional.empty();
    }

    @Override
    public Set<String> unknownConfigFields(ObjectNode descriptor) {
        return Set.of();
    }
}
