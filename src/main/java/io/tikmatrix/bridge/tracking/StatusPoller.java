package io.tikmatrix.bridge.tracking;

import io.tikmatrix.bridge.store.TrackedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One look at the tracked tasks that asks only what can have changed, so that its cost follows the devices
 * and the changes, not the queue (see docs/ARCHITECTURE.md, "Status poll → outbox → delivery"). A task waiting in TikMatrix's queue
 * does not change until it runs, and then it shows as running, completed or failed; so each poll reads:
 * <ul>
 *   <li>how many tasks are queued ({@code status=0}, a one-task page): the queue itself is not paged;</li>
 *   <li>the running list, all of it: no longer than there are devices;</li>
 *   <li>of the completed and the failed lists, only the pages where tasks finished since the last poll are
 *       ({@link FinishedList}).</li>
 * </ul>
 * A tracked task that was running and is in none of these is asked with {@code GET /task/{id}}. A queued one
 * that went away unseen (deleted, or finished where the finished list is not read) leaves the queue shorter
 * than the last count less the tasks seen leaving it, or shorter than the tracked tasks still thought queued:
 * then, and on the first poll, every {@link #SWEEP_EVERY_POLLS}th, and whenever the lists cannot say what is
 * new, the poll reads the whole queue and asks {@code GET /task/{id}} for each tracked task found nowhere.
 * It remembers between polls, so one instance serves the status route's one timer thread.
 */
public class StatusPoller {

    /**
     * A queued task deleted while another is queued leaves the count as expected; the rare full read finds it.
     * 120 polls are ten minutes at the default interval: a late "missing" event in a rare case, for a read of the
     * queue that costs one request per hundred queued tasks.
     */
    static final int SWEEP_EVERY_POLLS = 120;
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StatusPoller.class);

    private final String host;
    private final TaskQueries api;
    private final TaskTracker tracker;
    private final List<FinishedList> finished = List.of(new FinishedList(2), new FinishedList(3));
    /** What the last poll counted, to compare with; null when there is nothing to trust: the next poll sweeps. */
    private Counted last;
    private int pollsSinceSweep;

    /**
     * @param queued  the queue's length, counted before the running list was read
     * @param running the ids on the running list
     */
    private record Counted(long queued, Set<Long> running) {
    }

    /** @param api asks the host whose tasks this poller watches ({@code host}) */
    public StatusPoller(String host, TaskQueries api, TaskTracker tracker) {
        this.host = host;
        this.api = api;
        this.tracker = tracker;
    }

    /**
     * @return what was seen of the tracked tasks (those thought queued only when the queue was read); when
     *         TikMatrix cannot be asked, what was seen until then (the next poll reads the whole queue)
     */
    public List<Observation> observe() {
        List<TrackedTask> tracked = tracker.active(host);
        if (tracked.isEmpty()) {
            // nothing to watch, nothing asked; the counts go stale meanwhile
            forget();
            return List.of();
        }
        Look look = new Look();
        try {
            look(tracked, look);
            return look.observations(tracked);
        } catch (IOException e) {
            forget();
            List<Observation> seen = look.observations(tracked);
            LOG.warn("status poll{} incomplete ({} of {} tasks seen): {}", TrackedTask.ONE_HOST.equals(host) ? "" : " of " + host,
                    seen.size(), tracked.size(), e.getMessage());
            return seen;
        }
    }

    private void look(List<TrackedTask> tracked, Look look) throws IOException {
        OptionalLong queued = api.count(PENDING);
        boolean sweep = last == null || ++pollsSinceSweep >= SWEEP_EVERY_POLLS || queued.isEmpty() || untold();
        if (sweep) {
            api.list(PENDING, look::see);
        }
        Set<Long> running = new HashSet<>();
        api.list(RUNNING, task -> {
            running.add(task.id());
            look.see(task);
        });
        Set<Long> leftQueue = new HashSet<>(running);
        for (FinishedList list : finished) {
            if (!list.untold()) {
                FinishedList.Reading reading = list.read(api);
                reading.tasks().forEach(look::see);
                leftQueue.addAll(reading.fresh());
            }
        }
        if (!sweep && (untold() || queueShort(queued.getAsLong(), leftQueue, tracked, look))) {
            api.list(PENDING, look::see);
            sweep = true;
        }
        for (TrackedTask task : tracked) {
            if (!look.knows(task.taskId()) && (sweep || task.status() == RUNNING || last.running.contains(task.taskId()))) {
                look.fetched(task.taskId(), api.get(task.taskId()).orElse(null));
            }
        }
        if (sweep) {
            pollsSinceSweep = 0;
        }
        last = new Counted(queued.orElse(0), running);
    }

    /**
     * Whether a queued task went away unseen. Tasks only join the queue by being created (or retried), which
     * lengthens it; so the queue is at least the last count less the tasks seen leaving it since, and at least
     * the tracked tasks still thought queued. Seen leaving: on the running list, newer than any finished task
     * seen before, or tracked and seen anywhere; and not running at the last poll. A task that finished out of
     * id order and is not tracked is not counted: the worst it costs is a read of the queue.
     */
    private boolean queueShort(long queued, Set<Long> leftQueue, List<TrackedTask> tracked, Look look) {
        tracked.stream().map(TrackedTask::taskId).filter(look::knows).forEach(leftQueue::add);
        leftQueue.removeAll(last.running);
        long thoughtQueued = tracked.stream().filter(t -> t.status() == PENDING && !look.knows(t.taskId())).count();
        long expected = Math.max(last.queued - leftQueue.size(), thoughtQueued);
        if (queued < expected) {
            LOG.info("status poll: {} task(s) queued, {} expected: reading the whole queue", queued, expected);
            return true;
        }
        return false;
    }

    private boolean untold() {
        return finished.stream().anyMatch(FinishedList::untold);
    }

    private void forget() {
        last = null;
        finished.forEach(FinishedList::forget);
    }

    /** What one poll learnt, by task id: the task as a list or {@code GET /task/{id}} showed it, or null when gone (40401). */
    private static final class Look {
        private final Map<Long, ListedTask> known = new HashMap<>();

        /** A task moving on while the lists are read shows on two of them: the later status wins. */
        void see(ListedTask task) {
            known.merge(task.id(), task, (a, b) -> a.status() >= b.status() ? a : b);
        }

        void fetched(long id, ListedTask task) {
            known.put(id, task);
        }

        boolean knows(long id) {
            return known.containsKey(id);
        }

        List<Observation> observations(List<TrackedTask> tracked) {
            List<Observation> seen = new ArrayList<>();
            for (TrackedTask task : tracked) {
                if (known.containsKey(task.taskId())) {
                    ListedTask t = known.get(task.taskId());
                    seen.add(t == null ? Observation.missing(task) : new Observation(task, t.status(), t.serial(), t.username()));
                }
            }
            return seen;
        }
    }
}
