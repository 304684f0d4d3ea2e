package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery round on an H2 store reads as many rows as it sends, however many wait behind them: an endpoint that
 * fell behind (down for an hour, or slower than the intake) is not made slower still by its backlog.
 */
class EventOutboxBacklogTest {

    private static final int WAITING = 5_000;
    private static final int ROUND = 100;

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @Test
    void aRoundReadsItsOwnRowsNotTheWholeBacklog() throws SQLException {
        HikariDataSource dataSource = store.open("h2");
        EventOutbox outbox = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // two events per task: each task's second waits behind its first
            for (long task = 1; task <= WAITING / 2; task++) {
                outbox.add(c, new OutboxEvent(task + "-0", task, "{}"));
            }
            for (long task = 1; task <= WAITING / 2; task++) {
                outbox.add(c, new OutboxEvent(task + "-1", task, "{}"));
            }
            c.commit();
        }
        Instant now = Instant.parse("2026-11-30T22:00:00Z");

        assertThat(outbox.due("a", now, ROUND)).extracting(OutboxRow::eventId)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, ROUND).mapToObj(task -> task + "-0").toList());
        assertThat(H2Scans.rowsScanned(dataSource, EventOutbox.READ_IN_ORDER, "a", EventOutbox.State.PENDING.name(), now.toEpochMilli(),
                EventOutbox.State.PENDING.name(), ROUND)).as("rows H2 read for one round of " + WAITING + " waiting").isEqualTo(ROUND);
    }
}
