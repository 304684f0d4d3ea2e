package io.tikmatrix.bridge.store;

/**
 * A task the bridge created, as the store remembers it between polls.
 *
 * @param host     the TikMatrix host that holds the task: task ids are one host's own, so a task is (host, id);
 *                 {@link #ONE_HOST} when the bridge drives one TikMatrix ({@code tikmatrix.base-url})
 * @param serial   null until known: the API answers only ids, so it comes from the descriptor when
 *                 serials and ids pair up one to one, else from the first list or GET that shows the task
 * @param source   the descriptor's source as JSON text ({"file": …, "position": …} or a schedule), or null
 * @param status   the last status observed (0..3); a missing task keeps its last one and is terminal
 * @param terminal no longer polled: completed, failed, or gone from TikMatrix
 */
public record TrackedTask(String host, long taskId, String descriptorKey, String scriptName, String serial, String username,
                          String source, int status, boolean terminal) {

    /** The name of the one host of a bridge that declares no {@code tikmatrix.hosts.*} (README, "Fleet and cluster"). */
    public static final String ONE_HOST = "default";

    public TrackedTask moveTo(int newStatus, boolean isTerminal, String seenSerial, String seenUsername) {
        return new TrackedTask(host, taskId, descriptorKey, scriptName, serial != null ? serial : seenSerial,
                username != null ? username : seenUsername, source, newStatus, isTerminal);
    }
}
