package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.inbox.ReceiptWriter;
import io.tikmatrix.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The files being submitted now, with how far each got, for the operator console's progress bars. A file in flight
 * is an exchange that carries its receipt's writer, it and its split's parts alike: Camel's inflight repository
 * shows them (camel.main.inflightRepositoryBrowseEnabled). The writer counts each descriptor's outcome as it comes,
 * so the count is exact while the receipt's lines still sit in its buffer; nothing is read from the receipt.
 */
final class FilesInProgress {

    /** A file as the first of its exchanges (the file's own, taken before its parts) names it. */
    private record Taken(String name, long at) {
    }

    /** Each file in flight: its name, when it was taken, how many descriptors it holds and how many are done. */
    ArrayNode list(InflightRepository inflight) {
        Map<ReceiptWriter, Taken> files = new IdentityHashMap<>();
        for (InflightRepository.InflightExchange running : inflight.browse()) {
            Exchange exchange = running.getExchange();
            ReceiptWriter receipt = exchange.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
            if (receipt != null) {
                Taken taken = new Taken(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                        exchange.getClock().getCreated());
                files.merge(receipt, taken, (one, other) -> one.at() <= other.at() ? one : other);
            }
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        files.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getValue().at())).forEach(e -> {
            ReceiptWriter.Progress so = e.getKey().progress();
            ObjectNode progress = Json.MAPPER.createObjectNode()
                    .put("received_at", Instant.ofEpochMilli(e.getValue().at()).toString())
                    .put("sha256", so.sha256())
                    .put("total", so.entries())
                    .put("submitted", so.submitted())
                    .put("dead_lettered", so.deadLettered())
                    .put("duplicate", so.duplicate())
                    .put("done", so.done());
            list.addObject().put("name", e.getValue().name()).set("progress", progress);
        });
        return list;
    }
}
