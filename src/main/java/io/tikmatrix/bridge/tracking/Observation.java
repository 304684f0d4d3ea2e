package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.store.TrackedTask;

/**
 * What one poll saw of a tracked task.
 *
 * @param before   the task as the store had it when the poll began
 * @param status   0..3, or null when TikMatrix answered 40401: the task is gone
 * @param serial   as the API showed it, or null
 * @param username as the API showed it, or null
 */
public record Observation(TrackedTask before, Integer status, String serial, String username) {

    public static Observation missing(TrackedTask before) {
        return new Observation(before, null, null, null);
    }

    public boolean isMissing() {
        return status == null;
    }
}
