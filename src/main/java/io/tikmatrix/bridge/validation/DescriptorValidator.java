package io.tikmatrix.bridge.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a descriptor (the body of {@code POST /task}, plus an optional {@code id}) the way the
 * TikMatrix API would: no {@code script_name} is 40002, a script the API does not take is 40003,
 * anything else wrong is 40001.
 */
public interface DescriptorValidator {

    /** @return empty when the descriptor may be sent; otherwise the code the API would answer and why */
    Optional<Rejection> validate(ObjectNode descriptor);

    /** {@code script_config} fields the script's schema does not know (passed through, but worth a warning) */
    Set<String> unknownConfigFields(ObjectNode descriptor);
}
