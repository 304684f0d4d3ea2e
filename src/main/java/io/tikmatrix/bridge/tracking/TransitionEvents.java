package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.store.OutboxEvent;
import io.tikmatrix.bridge.store.TrackedTask;

import java.time.Instant;

/**
 * The events that announce a tracked task's transitions. Tracking says what changed; the events room says how
 * that reads ({@code events.CloudEvents}). Each event is stored with its change, in the same transaction
 * ({@code TaskStore.apply}).
 */
public interface TransitionEvents {

    /** @param previousStatus null for a task just created */
    OutboxEvent statusChanged(TrackedTask task, Integer previousStatus, Instant time);

    /** TikMatrix no longer knows the task (40401): it is announced once and no longer tracked. */
    OutboxEvent taskMissing(TrackedTask task, Instant time);
}
