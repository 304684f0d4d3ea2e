package io.tikmatrix.bridge.store;

/**
 * One event waiting in the outbox for each configured endpoint.
 *
 * @param taskId null for events that belong to no task (a dead-lettered descriptor); events of one task
 *               reach an endpoint in the order they were stored
 * @param json   the whole CloudEvents document, sent byte for byte as stored
 */
public record OutboxEvent(String id, Long taskId, String json) {
}
