package io.tikmatrix.bridge.tracking;

import java.util.List;

/**
 * The order of a list of tasks, as its ids show it: the API reference does not document it. Ids grow as tasks
 * are created, so a list sorted by creation shows them rising (oldest first) or falling (newest first).
 */
enum PageOrder {
    /** No page has shown two tasks yet. */
    UNKNOWN,
    OLDEST_FIRST,
    NEWEST_FIRST,
    /** The ids rose on one page and fell on another, or within one: where new tasks appear cannot be told. */
    UNTOLD;

    /** This order, as a further page confirms or contradicts it. */
    PageOrder and(List<ListedTask> page) {
        PageOrder shown = of(page);
        if (shown == UNKNOWN || shown == this) {
            return this;
        }
        return this == UNKNOWN ? shown : UNTOLD;
    }

    private static PageOrder of(List<ListedTask> page) {
        if (page.size() < 2) {
            return UNKNOWN;
        }
        boolean rising = true;
        boolean falling = true;
        for (int i = 1; i < page.size(); i++) {
            long step = Long.compare(page.get(i).id(), page.get(i - 1).id());
            rising &= step > 0;
            falling &= step < 0;
        }
        return rising ? OLDEST_FIRST : falling ? NEWEST_FIRST : UNTOLD;
    }
}
