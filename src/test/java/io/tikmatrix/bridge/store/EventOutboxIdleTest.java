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
 * An endpoint with nothing due is not read again until something can be due: once this bridge writes a row, once its
 * earliest retry comes due, or, on a store other bridges share (PostgreSQL), after {@link EventOutbox#QUIET_AT_MOST}
 * for the rows they wrote. An H2 file is one bridge's alone: nothing else writes there.
 */
class EventOutboxIdleTest {

    private static final Instant T = Instant.parse("2026-11-30T04:00:00Z");

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aQuietEndpointIsReadAgainWhenThisBridgeWritesOrARetryComesDue(String database) {
        EventOutbox outbox = new EventOutbox(store.open(database), List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        assertThat(outbox.due("a", T, 10)).isEmpty();
        assertThat(outbox.quietUntilMillis("a")).as("nothing waits: quiet until this bridge writes")
                .isEqualTo("h2".equals(database) ? Long.MAX_VALUE : T.plus(EventOutbox.QUIET_AT_MOST).toEpochMilli());

        outbox.add(new OutboxEvent("2-0", 2L, "{}"));
        assertThat(outbox.quietUntilMillis("a")).isZero();
        List<OutboxRow> own = outbox.due("a", T, 10);
        assertThat(own).as("written by this bridge: due at once").extracting(OutboxRow::eventId).containsExactly("2-0");

        Instant retry = T.plusSeconds(2);
        outbox.retryLater(own.get(0), retry, "HTTP 503");
        assertThat(outbox.due("a", T, 10)).isEmpty();
        assertThat(outbox.quietUntilMillis("a")).isEqualTo(retry.toEpochMilli());
        assertThat(outbox.due("a", retry.minusMillis(1), 10)).isEmpty();
        assertThat(outbox.due("a", retry, 10)).as("due again at its retry").extracting(OutboxRow::eventId).containsExactly("2-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres"})
    void onASharedStoreRowsAnotherBridgeWroteAreLookedForAfterAWhile(String database) {
        HikariDataSource dataSource = store.open(database);
        EventOutbox outbox = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        EventOutbox otherBridge = new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC());
        assertThat(outbox.due("a", T, 10)).isEmpty();

        otherBridge.add(new OutboxEvent("1-0", 1L, "{}"));
        assertThat(outbox.due("a", T.plusSeconds(1), 10)).as("written by another bridge: not looked for yet").isEmpty();
        assertThat(outbox.due("a", T.plus(EventOutbox.QUIET_AT_MOST), 10)).extracting(OutboxRow::eventId).containsExactly("1-0");
    }
}
