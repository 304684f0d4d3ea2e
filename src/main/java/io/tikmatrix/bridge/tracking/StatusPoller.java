package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.store.TrackedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One look at the tracked tasks that costs what the activity costs, not the history: the lists of
 * pending and running API tasks, page by page, then a {@code GET /task/{id}} only for each tracked task
 * that is in neither list any more (it finished, failed, or is gone).
 */
public class StatusPoller {

    private static final int[] ACTIVE_STATUSES = {0, 1};
    private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

    private final TaskQueries api;
    private final TaskTracker tracker;

    public StatusPoller(TaskQueries api, TaskTracker tracker) {
        this.api = api;
        this.tracker = tracker;
    }

    /**
     * @return what was seen of each tracked task; when TikMatrix cannot be asked, what was seen until
     *         then (the rest is asked again next poll)
     */
    public List<Observation> observe() {
        List<TrackedTask> tracked = tracker.active();
        List<Observation> seen = new ArrayList<>();
        if (tracked.isEmpty()) {
            return seen;
        }
        try {
            Map<Long, ListedTask> listed = new HashMap<>();
            for (int status : ACTIVE_STATUSES) {
                // a task that moved on between the two lists shows up in both: the later status wins
                api.list(status, task -> listed.merge(task.id(), task, (a, b) -> a.status() >= b.status() ? a : b));
            }
            for (TrackedTask task : tracked) {
                ListedTask listedTask = listed.get(task.taskId());
                if (listedTask != null) {
                    seen.add(new Observation(task, listedTask.status(), listedTask.serial(), listedTask.username()));
                } else {
                    seen.add(api.get(task.taskId())
                            .map(t -> new Observation(task, t.status(), t.serial(), t.username()))
                            .orElseGet(() -> Observation.missing(task)));
                }
            }
        } catch (IOException e) {
            LOG.warn("status poll incomplete ({} of {} tasks seen): {}", seen.size(), tracked.size(), e.getMessage());
        }
        return seen;
    }
}
