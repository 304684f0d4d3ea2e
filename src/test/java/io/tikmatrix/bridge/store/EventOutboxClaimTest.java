package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bridges on one PostgreSQL store share the outbox: each row is read by one of them for the claim's lease, a task's
 * events still go in order whichever bridge holds the earlier one, and a dead bridge's rows go to another once its
 * lease ran out.
 */
class EventOutboxClaimTest {

    private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @Test
    void aRowIsOneBridgesAndAnEarlierEventOfItsTaskHeldByAnotherStillGoesFirst() {
        HikariDataSource dataSource = store.open("postgres");
        EventOutbox first = new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC());
        EventOutbox second = new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC());
        first.add(new OutboxEvent("1-0", 1L, "{}"));
        first.add(new OutboxEvent("1-1", 1L, "{}"));
        first.add(new OutboxEvent("2-0", 2L, "{}"));

        List<OutboxRow> firsts = first.due("a", T, 10);
        assertThat(firsts).extracting(OutboxRow::eventId).containsExactly("1-0", "2-0");
        assertThat(second.due("a", T, 10)).as("claimed by the first bridge, or behind a row it holds").isEmpty();

        // the first bridge sends 1-0 and dies before it marks 2-0
        first.delivered(List.of(firsts.get(0)));
        Instant quietOver = T.plus(EventOutbox.QUIET_AT_MOST);
        assertThat(second.due("a", quietOver, 10)).as("1-1 follows the delivered 1-0; 2-0 is still under lease")
                .extracting(OutboxRow::eventId).containsExactly("1-1");
        assertThat(second.due("a", T.plus(LEASE).minusMillis(1), 10)).extracting(OutboxRow::eventId).containsExactly("1-1");
        assertThat(second.due("a", T.plus(LEASE), 10)).as("the dead bridge's lease ran out")
                .extracting(OutboxRow::eventId).containsExactly("1-1", "2-0");
    }

    @Test
    void aLivingBridgeKeepsTheRowsItIsSending() {
        HikariDataSource dataSource = store.open("postgres");
        ManualClock now = new ManualClock(Instant.now());
        EventOutbox sender = new EventOutbox(dataSource, List.of("a"), LEASE, now);
        EventOutbox other = new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC());
        sender.add(new OutboxEvent("1-0", 1L, "{}"));
        List<OutboxRow> round = sender.due("a", now.instant(), 10);
        assertThat(round).hasSize(1);

        // a slow round: the lease would have run out, but the bridge renewed it a third of a lease before
        now.advance(LEASE.multipliedBy(2).dividedBy(3));
        assertThat(sender.renewClaims()).isEqualTo(1);
        Instant renewedUntil = now.instant().plus(LEASE);
        assertThat(other.due("a", renewedUntil.minusMillis(1), 10)).isEmpty();
        assertThat(other.due("a", renewedUntil, 10)).extracting(OutboxRow::eventId).containsExactly("1-0");
    }

    @Test
    void twoBridgesDeliveringAtOnceSendEachRowOnce() {
        HikariDataSource dataSource = store.open("postgres");
        EventOutbox writer = new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC());
        IntStream.rangeClosed(1, 300).forEach(task -> writer.add(new OutboxEvent(task + "-0", (long) task, "{}")));

        CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> deliverAll(
                new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC())));
        CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> deliverAll(
                new EventOutbox(dataSource, List.of("a"), LEASE, Clock.systemUTC())));

        List<String> sent = new ArrayList<>(one.join());
        sent.addAll(other.join());
        assertThat(sent).hasSize(300).doesNotHaveDuplicates();
        assertThat(writer.waitingByEndpoint()).isEmpty();
    }

    /** A bridge's delivery rounds, until it finds nothing it may send. */
    private static List<String> deliverAll(EventOutbox outbox) {
        List<String> sent = new ArrayList<>();
        for (List<OutboxRow> round = outbox.due("a", T, 7); !round.isEmpty(); round = outbox.due("a", T, 7)) {
            round.forEach(row -> sent.add(row.eventId()));
            outbox.delivered(round);
        }
        return sent;
    }
}
