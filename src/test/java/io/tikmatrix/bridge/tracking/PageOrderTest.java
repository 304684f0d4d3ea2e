package io.tikmatrix.bridge.tracking;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A list's order is what its pages' ids show, and a page that contradicts it makes it one that cannot be told. */
class PageOrderTest {

    @Test
    void risingIdsAreOldestFirstAndFallingOnesNewestFirst() {
        assertThat(PageOrder.UNKNOWN.and(page(1000, 1001, 1005))).isEqualTo(PageOrder.OLDEST_FIRST);
        assertThat(PageOrder.UNKNOWN.and(page(1005, 1001, 1000))).isEqualTo(PageOrder.NEWEST_FIRST);
    }

    @Test
    void aPageOfOneTaskOrNoneShowsNothing() {
        assertThat(PageOrder.UNKNOWN.and(page(1000))).isEqualTo(PageOrder.UNKNOWN);
        assertThat(PageOrder.NEWEST_FIRST.and(page())).isEqualTo(PageOrder.NEWEST_FIRST);
    }

    @Test
    void idsInNoOneOrderCannotBeTold() {
        assertThat(PageOrder.UNKNOWN.and(page(1000, 1002, 1001))).isEqualTo(PageOrder.UNTOLD);
        assertThat(PageOrder.OLDEST_FIRST.and(page(1002, 1001))).isEqualTo(PageOrder.UNTOLD);
        assertThat(PageOrder.UNTOLD.and(page(1000, 1001))).isEqualTo(PageOrder.UNTOLD);
    }

    private static List<ListedTask> page(long... ids) {
        return Arrays.stream(ids).mapToObj(id -> new ListedTask(id, 2, null, null)).toList();
    }
}
