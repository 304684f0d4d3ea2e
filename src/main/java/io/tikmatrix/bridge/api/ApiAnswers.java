package io.tikmatrix.bridge.api;

import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.Rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an answer of {@code POST /task} into task ids, or into the exception that routes the descriptor:
 * retried ({@link TransientApiException}), held for the licence ({@link LicenceDeniedException}) or
 * dead-lettered ({@link DescriptorRejectedException}).
 */
public final class ApiAnswers {

    private ApiAnswers() {
    }

    public static List<Long> taskIds(int httpStatus, String body)
            throws TransientApiException, DescriptorRejectedException, LicenceDeniedException {
        ApiEnvelope envelope = ApiEnvelope.parse(body).orElse(null);
        if (envelope == null) {
            // gateways and overloaded servers answer without the envelope; only their 5xx/408/429 are worth a retry
            String reason = "HTTP " + httpStatus + " without an API envelope" + snippet(body);
            if (httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
                throw new TransientApiException(new Rejection(DeadLetterKey.UNREACHABLE, httpStatus, reason));
            }
            throw new DescriptorRejectedException(new Rejection(DeadLetterKey.OTHER, httpStatus, reason));
        }
        if (envelope.ok()) {
            List<Long> ids = new ArrayList<>();
            envelope.data().path("task_ids").forEach(id -> ids.add(id.asLong()));
            return ids;
        }
        Rejection rejection = new Rejection(Integer.toString(envelope.code()), httpStatus,
                envelope.message().isEmpty() ? "API answered code " + envelope.code() : envelope.message());
        switch (envelope.code()) {
            case ApiEnvelope.INTERNAL_ERROR -> throw new TransientApiException(rejection);
            case ApiEnvelope.LICENCE_DENIED -> throw new LicenceDeniedException(rejection);
            default -> throw new DescriptorRejectedException(rejection);
        }
    }


    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
    }
}
