package io.tikmatrix.bridge.store;

/** An outbox entry due for one endpoint: the event and how many sends it already failed there. */
public record OutboxRow(long seq, String endpoint, String eventId, Long taskId, String json, int attempts) {
}
