package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The simulator's tasks. A task's status is not stored but computed from the clock (pending for
 * {@code pendingFor}, running for {@code runningFor}, then its drawn outcome), so nothing runs in the
 * background and a test moves tasks on by moving the clock. All methods lock the book: requests arrive on
 * several threads.
 */
final class TaskBook {

    private static final long FIRST_ID = 1000;
    private static final String HELD_SCRIPT = "post";

    private final SimulatorSettings settings;
    private final Random outcomes;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private long nextId = FIRST_ID;

    TaskBook(SimulatorSettings settings) {
        this.settings = settings;
        this.outcomes = new Random(settings.seed());
    }

    synchronized List<Task> create(String scriptName, ObjectNode scriptConfig, List<TaskFanOut.Draft> drafts) {
        Instant now = settings.clock().get();
        boolean simulateFail = "fail".equals(scriptConfig.path("simulate").asText());
        List<Task> created = new ArrayList<>();
        for (TaskFanOut.Draft draft : drafts) {
            Entry entry = new Entry(nextId++, draft, scriptName, scriptConfig.deepCopy(), simulateFail, now);
            entry.queue(now, drawFailure(simulateFail));
            entries.put(entry.id, entry);
            created.add(entry.snapshot(now));
        }
        return created;
    }

    /**
     * {@code count} API tasks that stay pending whatever the clock says, as a queue waiting for busy devices
     * does, until stopped or deleted: a long queue for a test at the cost of no request.
     */
    synchronized List<Long> hold(int count) {
        Instant now = settings.clock().get();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Entry entry = new Entry(nextId++, new TaskFanOut.Draft("queued-" + i, null, null), HELD_SCRIPT,
                    JsonNodeFactory.instance.objectNode(), false, now);
            entry.held = true;
            entry.queue(now, false);
            entries.put(entry.id, entry);
            ids.add(entry.id);
        }
        return ids;
    }

    synchronized Optional<Task> find(long id) {
        return Optional.ofNullable(entries.get(id)).map(entry -> entry.snapshot(settings.clock().get()));
    }

    /**
     * One page of the tasks matching {@code filter}, in the list order of the settings, and how many match.
     * Only the page's tasks are copied out, so a long queue costs a status check per task, not a copy.
     */
    synchronized Listing list(Predicate<Task> filter, long skip, int limit) {
        Instant now = settings.clock().get();
        Collection<Entry> ordered = settings.listOrder() == SimulatorSettings.ListOrder.NEWEST_FIRST
                ? entries.descendingMap().values() : entries.values();
        int total = 0;
        List<Task> page = new ArrayList<>();
        for (Entry entry : ordered) {
            if (filter.test(entry.view(now))) {
                if (total >= skip && page.size() < limit) {
                    page.add(entry.snapshot(now));
                }
                total++;
            }
        }
        return new Listing(total, page);
    }

    /** What {@link #list} found: the number of matching tasks and the asked page of them. */
    record Listing(int total, List<Task> page) {
    }

    synchronized List<Task> all() {
        Instant now = settings.clock().get();
        return entries.values().stream().map(entry -> entry.snapshot(now)).toList();
    }

    /** Removes the tasks that exist (a running one is stopped by going away) and returns their ids. */
    synchronized List<Long> delete(List<Long> ids) {
        return ids.stream().filter(id -> entries.remove(id) != null).toList();
    }

    synchronized Task stop(long id) {
        Instant now = settings.clock().get();
        Entry entry = entry(id);
        TaskStatus status = entry.status(now);
        if (status != TaskStatus.PENDING && status != TaskStatus.RUNNING) {
            throw ApiException.invalid("task " + id + " is " + status.text() + ", only a pending or running task can be stopped");
        }
        entry.stop(now, status == TaskStatus.RUNNING);
        return entry.snapshot(now);
    }

    synchronized Task retry(long id) {
        Instant now = settings.clock().get();
        Entry entry = entry(id);
        if (entry.status(now) != TaskStatus.FAILED) {
            throw ApiException.invalid("task " + id + " is " + entry.status(now).text() + ", only a failed task can be retried");
        }
        entry.retry(now, drawFailure(entry.simulateFail));
        return entry.snapshot(now);
    }

    synchronized int retryAllFailed() {
        Instant now = settings.clock().get();
        List<Entry> failed = entries.values().stream().filter(entry -> entry.status(now) == TaskStatus.FAILED).toList();
        failed.forEach(entry -> entry.retry(now, drawFailure(entry.simulateFail)));
        return failed.size();
    }

    synchronized Map<TaskStatus, Integer> countByStatus() {
        Instant now = settings.clock().get();
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0);
        }
        entries.values().forEach(entry -> counts.merge(entry.status(now), 1, Integer::sum));
        return counts;
    }

    private Entry entry(long id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw ApiException.notFound("task " + id);
        }
        return entry;
    }

    /** Drawn even for a forced failure, so one task's config does not shift the outcomes of later tasks. */
    private boolean drawFailure(boolean simulateFail) {
        boolean drawn = outcomes.nextDouble() < settings.failureRatio();
        return simulateFail || drawn;
    }

    /** One task's mutable state; its status at any instant follows from when it was last queued. */
    private final class Entry {
        final long id;
        final TaskFanOut.Draft draft;
        final String scriptName;
        final ObjectNode scriptConfig;
        final boolean simulateFail;
        final Instant createdAt;
        Instant queuedAt;
        boolean failsAtEnd;
        Instant stoppedAt;
        Instant startedBeforeStop;
        int retryCount;
        /** Waits for a device that never comes free: pending until stopped or deleted. */
        boolean held;

        Entry(long id, TaskFanOut.Draft draft, String scriptName, ObjectNode scriptConfig, boolean simulateFail,
              Instant createdAt) {
            this.id = id;
            this.draft = draft;
            this.scriptName = scriptName;
            this.scriptConfig = scriptConfig;
            this.simulateFail = simulateFail;
            this.createdAt = createdAt;
        }

        void queue(Instant now, boolean fails) {
            queuedAt = now;
            failsAtEnd = fails;
            stoppedAt = null;
            startedBeforeStop = null;
        }

        void retry(Instant now, boolean fails) {
            queue(now, fails);
            retryCount++;
        }

        void stop(Instant now, boolean wasRunning) {
            startedBeforeStop = wasRunning ? startsAt() : null;
            stoppedAt = now;
        }

        Instant startsAt() {
            return queuedAt.plus(settings.pendingFor());
        }

        Instant endsAt() {
            return startsAt().plus(settings.runningFor());
        }

        TaskStatus status(Instant now) {
            if (stoppedAt != null) {
                return TaskStatus.FAILED;
            }
            if (held || now.isBefore(startsAt())) {
                return TaskStatus.PENDING;
            }
            if (now.isBefore(endsAt())) {
                return TaskStatus.RUNNING;
            }
            return failsAtEnd ? TaskStatus.FAILED : TaskStatus.COMPLETED;
        }

        Task snapshot(Instant now) {
            return task(now, scriptConfig.deepCopy());
        }

        /** The task with its config shared, not copied: for filtering inside the book, never handed out. */
        Task view(Instant now) {
            return task(now, scriptConfig);
        }

        private Task task(Instant now, ObjectNode config) {
            TaskStatus status = status(now);
            Instant startedAt = stoppedAt != null ? startedBeforeStop
                    : status == TaskStatus.PENDING ? null : startsAt();
            Instant finishedAt = stoppedAt != null ? stoppedAt
                    : status == TaskStatus.COMPLETED || status == TaskStatus.FAILED ? endsAt() : null;
            return new Task(id, draft.serial(), draft.username(), scriptName, config, draft.target(),
                    status, createdAt, startedAt, finishedAt, stoppedAt != null, retryCount);
        }
    }
}
