package io.tikmatrix.bridge.store;

/**
 * A task's move to a new stored state and the event that announces it; both are written in one
 * transaction, or neither is.
 *
 * @param previousStatus the status the store must still hold for the change to apply (null: the task is new).
 *                       A change that finds another status was already applied, by an earlier poll or another
 *                       bridge, and is skipped with its event.
 */
public record TaskChange(TrackedTask task, Integer previousStatus, OutboxEvent event) {
}
