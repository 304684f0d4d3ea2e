package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.validation.Rejection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What became of one descriptor, as its file's receipt lists it (README, "Errors, retries and dead letters").
 *
 * @param hosts in a fleet, what became of each host's share (and of the names no host has), by host; else null
 */
public record ReceiptLine(Long position, String key, String outcome, List<Long> taskIds, String code, String reason,
                          Map<String, ReceiptLine> hosts) {

    public static final String SUBMITTED = "submitted";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String DUPLICATE = "duplicate";

    public static ReceiptLine submitted(Source source, String key, List<Long> taskIds) {
        return new ReceiptLine(position(source), key, SUBMITTED, taskIds, null, null, null);
    }

    public static ReceiptLine duplicate(Source source, String key, List<Long> earlierTaskIds) {
        return new ReceiptLine(position(source), key, DUPLICATE, earlierTaskIds, null, null, null);
    }

    public static ReceiptLine deadLettered(Source source, String key, Rejection rejection) {
        return new ReceiptLine(position(source), key, DEAD_LETTERED, List.of(), rejection.code(), rejection.reason(), null);
    }

    /**
     * A fleet's descriptor: dead-lettered when any share was (its records say which part), else submitted when any
     * share was, else a duplicate; its task ids are every host's, in host order, and {@code hosts} says whose.
     */
    public static ReceiptLine byHost(Source source, String key, Map<String, ReceiptLine> shares) {
        List<String> outcomes = shares.values().stream().map(ReceiptLine::outcome).toList();
        String outcome = outcomes.contains(DEAD_LETTERED) ? DEAD_LETTERED : outcomes.contains(SUBMITTED) ? SUBMITTED : DUPLICATE;
        List<Long> ids = shares.values().stream().flatMap(share -> share.taskIds().stream()).toList();
        List<String> codes = shares.values().stream().map(ReceiptLine::code).filter(Objects::nonNull).distinct().toList();
        String reasons = shares.entrySet().stream().filter(share -> share.getValue().reason() != null)
                .map(share -> share.getKey() + ": " + share.getValue().reason()).collect(Collectors.joining("; "));
        return new ReceiptLine(position(source), key, outcome, ids, codes.isEmpty() ? null : String.join(",", codes),
                reasons.isEmpty() ? null : reasons, new LinkedHashMap<>(shares));
    }

    private static Long position(Source source) {
        return source == null ? null : source.position();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("position", position);
        node.put("key", key);
        node.put("outcome", outcome);
        ArrayNode ids = node.putArray("task_ids");
        taskIds.forEach(ids::add);
        node.put("code", code);
        node.put("reason", reason);
        if (hosts != null) {
            ObjectNode byHost = node.putObject("hosts");
            hosts.forEach((host, share) -> {
                ObjectNode line = share.toJson();
                line.remove("position");
                byHost.set(host, line);
            });
        }
        return node;
    }
}
