package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sent and dead-lettered events leave the outbox after the retention; events still waiting never do. */
class EventOutboxRetentionTest {

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void onlyFinishedRowsOlderThanTheCutOffAreDropped(String database) {
        HikariDataSource dataSource = store.open(database);
        EventOutbox outbox = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        outbox.add(new OutboxEvent("1-0", 1L, "{}"));
        outbox.add(new OutboxEvent("2-0", 2L, "{}"));
        outbox.add(new OutboxEvent("3-0", 3L, "{}"));
        List<OutboxRow> rows = outbox.due("a", Instant.now(), 10);
        outbox.delivered(List.of(rows.get(0)));
        outbox.deadLettered(rows.get(1), "refused");

        assertThat(outbox.purgeFinished(Instant.now().minusSeconds(3600))).as("nothing is that old yet").isZero();
        assertThat(outbox.purgeFinished(Instant.now().plusSeconds(1))).isEqualTo(2);

        assertThat(new Sql(dataSource).query("read the outbox", "SELECT event_id, state FROM bridge_event_outbox",
                rs -> rs.getString(1) + " " + rs.getString(2))).containsExactly("3-0 PENDING");
        assertThat(outbox.due("a", Instant.now(), 10)).extracting(OutboxRow::eventId).containsExactly("3-0");
    }
}
