package io.tikmatrix.bridge.store;

/**
 * A task the bridge created, as the store remembers it between polls.
 *
 * @param serial   null until known: the API answers only ids, so it comes from the descriptor when
 *                 serials and ids pair up one to one, else from the first list or GET that shows the task
 * @param source   the descriptor's source as JSON text ({"file": …, "position": …} or a schedule), or null
 * @param status   the last status observed (0..3); a missing task keeps its last one and is terminal
 * @param terminal no longer polled: completed, failed, or gone from TikMatrix
 */
public record TrackedTask(long taskId, String descriptorKey, String scriptName, String serial, String username,
                          String source, int status, boolean terminal) {

    public TrackedTask moveTo(int newStatus, boolean isTerminal, String seenSerial, String seenUsername) {
        return new TrackedTask(taskId, descriptorKey, scriptName, serial != null ? serial : seenSerial,
                username != null ? username : seenUsername, source, newStatus, isTerminal);
    }
}
