package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;

/** What keeps a bus's events in order: the task id, or for an event without a task (a dead letter) its own id. */
final class OrderingKey {

    private OrderingKey() {
    }

    static String of(OutboxRow row) {
        return row.taskId() != null ? Long.toString(row.taskId()) : row.eventId();
    }
}
