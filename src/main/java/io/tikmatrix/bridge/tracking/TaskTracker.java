package io.tikmatrix.bridge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.store.TaskChange;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.store.TrackedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the bridge knows of its tasks into stored state and events: a created task is tracked
 * (with its pending event), and each change a poll observes is one event, the previous status being the
 * one last stored, so a task seen pending and then completed gives one 0 → 2 event and nothing invented.
 * What an event says is up to {@link TransitionEvents}.
 */
public class TaskTracker {

    private static final int COMPLETED = 2;
    private static final Logger LOG = LoggerFactory.getLogger(TaskTracker.class);

    private final TaskStore store;
    private final TransitionEvents events;
    private final Clock clock;

    public TaskTracker(TaskStore store, TransitionEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Tracks the tasks one descriptor created. The API answers only ids, so each task's device (or account)
     * is known up front only when there is one for all, or one per task; otherwise the poll fills it in.
     */
    public void track(Descriptor descriptor, List<Long> taskIds) {
        track(TrackedTask.ONE_HOST, descriptor, taskIds);
    }

    /** @param host the TikMatrix host the tasks were created on, which numbers them */
    public void track(String host, Descriptor descriptor, List<Long> taskIds) {
        JsonNode body = descriptor.body();
        List<String> serials = texts(body.get("serials"));
        List<String> usernames = texts(body.get("usernames"));
        String source = descriptor.source() == null ? null : descriptor.source().toJson().toString();
        Instant now = clock.instant();
        List<TaskChange> created = new ArrayList<>();
        for (int i = 0; i < taskIds.size(); i++) {
            TrackedTask task = new TrackedTask(host, taskIds.get(i), descriptor.key(), body.path("script_name").asText(null),
                    runsOn(serials, taskIds.size(), i), runsOn(usernames, taskIds.size(), i),
                    source, 0, false);
            created.add(new TaskChange(task, null, events.statusChanged(task, null, now)));
        }
        store.apply(created).forEach(this::announce);
    }

    private static String runsOn(List<String> names, int tasks, int task) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return names.size() == tasks ? names.get(task) : null;
    }

    public List<TrackedTask> active() {
        return store.active();
    }

    public List<TrackedTask> active(String host) {
        return store.active(host);
    }

    /** Stores and announces the changes among what a poll saw. */
    public void apply(List<Observation> observations) {
        Instant now = clock.instant();
        List<TaskChange> changes = new ArrayList<>();
        for (Observation o : observations) {
            changeOf(o, now).ifPresent(changes::add);
        }
        store.apply(changes).forEach(this::announce);
    }

    private Optional<TaskChange> changeOf(Observation o, Instant now) {
        TrackedTask before = o.before();
        if (o.isMissing()) {
            TrackedTask gone = before.moveTo(before.status(), true, null, null);
            return Optional.of(new TaskChange(gone, before.status(), events.taskMissing(gone, now)));
        }
        // statuses only move forward for a tracked task; anything else is a stale read
        if (o.status() <= before.status()) {
            return Optional.empty();
        }
        TrackedTask after = before.moveTo(o.status(), o.status() >= COMPLETED, o.serial(), o.username());
        return Optional.of(new TaskChange(after, before.status(), events.statusChanged(after, before.status(), now)));
    }

    /** One readable line per transition: {@code task 1003 follow @x (emulator-5554): pending → running}. */
    private void announce(TaskChange change) {
        TrackedTask t = change.task();
        String who = (t.username() == null ? "" : " " + t.username()) + (t.serial() == null ? "" : " (" + t.serial() + ")");
        String from = change.previousStatus() == null ? "new" : StatusText.of(change.previousStatus());
        String to = t.terminal() && t.status() == change.previousStatus() ? "missing" : StatusText.of(t.status());
        // one line per task and status: thousands for a big file, so details, not the console's story
        LOG.debug("task {}{} {}{}: {} → {}", TrackedTask.ONE_HOST.equals(t.host()) ? "" : t.host() + " ", t.taskId(), t.scriptName(), who, from, to);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }
}
