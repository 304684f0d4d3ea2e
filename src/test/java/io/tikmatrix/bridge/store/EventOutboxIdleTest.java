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

/**
 * An endpoint with nothing due is not read again at every delivery tick: only once this bridge writes a row,
 * once its earliest retry comes due, or, for rows another bridge on the store wrote, after
 * {@link EventOutbox#QUIET_AT_MOST}.
 */
class EventOutboxIdleTest {

    private static final Instant T = Instant.parse("2026-11-30T04:00:00Z");

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aQuietEndpointIsReadAgainOnlyWhenSomethingCanBeDue(String database) {
        HikariDataSource dataSource = store.open(database);
        EventOutbox outbox = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        EventOutbox otherBridge = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        assertThat(outbox.due("a", T, 10)).isEmpty();

        otherBridge.add(new OutboxEvent("1-0", 1L, "{}"));
        assertThat(outbox.due("a", T.plusSeconds(1), 10)).as("written by another bridge: not looked for yet").isEmpty();
        List<OutboxRow> late = outbox.due("a", T.plus(EventOutbox.QUIET_AT_MOST), 10);
        assertThat(late).extracting(OutboxRow::eventId).containsExactly("1-0");
        outbox.delivered(List.of(late.get(0)));

        Instant now = T.plus(EventOutbox.QUIET_AT_MOST);
        assertThat(outbox.due("a", now, 10)).isEmpty();
        outbox.add(new OutboxEvent("2-0", 2L, "{}"));
        List<OutboxRow> own = outbox.due("a", now, 10);
        assertThat(own).as("written by this bridge: due at once").extracting(OutboxRow::eventId).containsExactly("2-0");

        Instant retry = now.plusSeconds(2);
        outbox.retryLater(own.get(0), retry, "HTTP 503");
        assertThat(outbox.due("a", now, 10)).isEmpty();
        assertThat(outbox.due("a", retry.minusMillis(1), 10)).isEmpty();
        assertThat(outbox.due("a", retry, 10)).as("due again at its retry").extracting(OutboxRow::eventId).containsExactly("2-0");
    }
}
