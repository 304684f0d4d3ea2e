package io.tikmatrix.bridge.tracking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One list of finished tasks ({@code status=2} or {@code status=3}), read each poll only where tasks that
 * finished since the last poll can be, not through its whole history. The list is taken to be sorted by id,
 * one way or the other (a page of two or more tasks tells which): tasks new to it are at page 1 when the
 * newest come first, and on and after the page it ended on last time when the oldest do. From there the read
 * goes on towards older tasks only while a page holds nothing but new ones. So a list that shrank (tasks
 * deleted) is read from where it ends now, and a task that finished out of id order is still seen when it lands
 * on a page read; one that lands deeper is not, and the poller's other checks find it (see StatusPoller).
 */
final class FinishedList {

    private static final long NONE = -1;
    private static final Logger LOG = LoggerFactory.getLogger(FinishedList.class);

    private final int status;
    private PageOrder order = PageOrder.UNKNOWN;
    /** What the server serves of {@link TaskQueries#PAGE_SIZE}: learnt from a page 1 that is not the whole list. */
    private int servedPageSize = TaskQueries.PAGE_SIZE;
    private long newestSeen = NONE;
    private int lastPage = 1;

    FinishedList(int status) {
        this.status = status;
    }

    /**
     * What the pages read now show. With nothing read before (or after {@link #forget}), only where the list
     * ends is learnt: page 1, and the last page when the oldest come first.
     */
    Reading read(TaskQueries api) throws IOException {
        Walk walk = new Walk(api);
        int start = order == PageOrder.OLDEST_FIRST ? lastPage : 1;
        TaskPage page = walk.fetch(start);
        if (page.tasks().isEmpty() && start > 1) {
            // the list shrank below the page it ended on: it ends earlier now
            start = walk.lastPage();
            page = walk.fetch(start);
        }
        if (newestSeen == NONE) {
            if (walk.order == PageOrder.OLDEST_FIRST && start != walk.lastPage()) {
                walk.fetch(walk.lastPage());
            }
        } else if (walk.order != PageOrder.UNTOLD) {
            int at = start;
            while (holdsOnlyNew(page) && walk.hasOlder(at)) {
                at = walk.older(at);
                page = walk.fetch(at);
            }
            for (at = start; walk.order == PageOrder.OLDEST_FIRST && at < walk.lastPage(); ) {
                walk.fetch(++at);
            }
        }
        return walk.finish();
    }

    /** The list cannot say which of its tasks are new: its ids are in no one order, or it gives no total. */
    boolean untold() {
        return order == PageOrder.UNTOLD;
    }

    /** Starts afresh: the next read learns where the list ends, and all it reads counts as new. */
    void forget() {
        newestSeen = NONE;
        lastPage = 1;
    }

    private boolean holdsOnlyNew(TaskPage page) {
        return !page.tasks().isEmpty() && page.tasks().stream().allMatch(task -> task.id() > newestSeen);
    }

    /**
     * The tasks on the pages one read went through.
     *
     * @param fresh the ids among them newer than any this list showed before: finished since the last read.
     *              A task that finished out of id order is not among them, nor is an older one that the
     *              list's moving brought onto a page read: which of the two it is cannot be told
     */
    record Reading(List<ListedTask> tasks, Set<Long> fresh) {
    }

    /** One read's pages and what they teach; the list keeps it only once the read is through. */
    private final class Walk {
        private final TaskQueries api;
        private final List<ListedTask> tasks = new ArrayList<>();
        private PageOrder order = FinishedList.this.order;
        private int served = servedPageSize;
        private long total;

        Walk(TaskQueries api) {
            this.api = api;
        }

        TaskPage fetch(int number) throws IOException {
            TaskPage page = api.page(status, number, TaskQueries.PAGE_SIZE);
            if (page.total().isEmpty()) {
                order = PageOrder.UNTOLD;
            }
            total = page.total().orElse(0);
            if (number == 1 && !page.tasks().isEmpty() && total > page.tasks().size()) {
                served = page.tasks().size();
            }
            order = order.and(page.tasks());
            tasks.addAll(page.tasks());
            return page;
        }

        int lastPage() {
            return (int) Math.max(1, (total + served - 1) / served);
        }

        boolean hasOlder(int page) {
            return order == PageOrder.NEWEST_FIRST ? page < lastPage() : order == PageOrder.OLDEST_FIRST && page > 1;
        }

        int older(int page) {
            return order == PageOrder.NEWEST_FIRST ? page + 1 : page - 1;
        }

        Reading finish() {
            if (order == PageOrder.UNKNOWN && lastPage() > 1) {
                // pages of one task each cannot show an order
                order = PageOrder.UNTOLD;
            }
            if (order == PageOrder.UNTOLD && !FinishedList.this.untold()) {
                LOG.warn("GET /task?status={}: where new tasks appear cannot be told (no total, or ids in no one order); "
                        + "every status poll reads the whole queue instead", status);
            }
            Set<Long> fresh = new HashSet<>();
            long newest = newestSeen;
            for (ListedTask task : tasks) {
                if (task.id() > newestSeen) {
                    fresh.add(task.id());
                }
                newest = Math.max(newest, task.id());
            }
            newestSeen = newest;
            FinishedList.this.order = order;
            servedPageSize = served;
            lastPage = lastPage();
            return new Reading(tasks, fresh);
        }
    }
}
