package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The task table and the event outbox, on H2 and on PostgreSQL. */
class TaskStoreTest {

    @RegisterExtension
    final StoreDatabase database = new StoreDatabase();

    private HikariDataSource dataSource;
    private EventOutbox outbox;

    private TaskStore store(String database) {
        return store(database, Clock.systemUTC());
    }

    private TaskStore store(String database, Clock clock) {
        dataSource = this.database.open(database);
        outbox = new EventOutbox(dataSource, List.of("a", "b"), Duration.ofSeconds(15), clock);
        return new TaskStore(dataSource, outbox, clock);
    }

    private static TrackedTask task(long id, int status) {
        return new TrackedTask(TrackedTask.ONE_HOST, id, "k1", "follow", null, null, "{\"file\":\"f.json\",\"position\":0}", status, status >= 2);
    }

    private static TaskChange created(long id) {
        return new TaskChange(task(id, 0), null, new OutboxEvent(id + "-0", id, "{}"));
    }

    private static TaskChange moved(long id, int from, int to) {
        return new TaskChange(task(id, to), from, new OutboxEvent(id + "-" + to, id, "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aChangeAppliedTwiceStoresItsEventOncePerEndpoint(String database) {
        TaskStore store = store(database);
        store.apply(List.of(created(1)));

        assertThat(store.apply(List.of(moved(1, 0, 1)))).hasSize(1);
        assertThat(store.apply(List.of(moved(1, 0, 1), created(1)))).isEmpty();

        Sql tables = new Sql(dataSource);
        assertThat(tables.query("read task 1", "SELECT status FROM bridge_task WHERE task_id = 1", rs -> rs.getInt(1)))
                .containsExactly(1);
        assertThat(tables.query("read the outbox", "SELECT endpoint, event_id, state FROM bridge_event_outbox ORDER BY endpoint, seq",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)))
                .containsExactly("a 1-0 PENDING", "a 1-1 PENDING", "b 1-0 PENDING", "b 1-1 PENDING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aTerminalTaskIsNoLongerActive(String database) {
        TaskStore store = store(database);
        store.apply(List.of(created(1), created(2)));
        store.apply(List.of(moved(1, 0, 2)));

        assertThat(store.active()).extracting(TrackedTask::taskId).containsExactly(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anEventWaitsWhileAnEarlierOneOfItsTaskIsUndelivered(String database) {
        TaskStore store = store(database);
        store.apply(List.of(created(1), created(2)));
        store.apply(List.of(moved(1, 0, 1)));

        List<OutboxRow> first = outbox.due("a", Instant.now(), 10);
        assertThat(first).extracting(OutboxRow::eventId).containsExactly("1-0", "2-0");

        outbox.retryLater(first.get(0), Instant.now().plusSeconds(60), "HTTP 503");
        outbox.delivered(List.of(first.get(1)));
        assertThat(outbox.due("a", Instant.now(), 10)).isEmpty();
        assertThat(outbox.due("b", Instant.now(), 10)).extracting(OutboxRow::eventId).containsExactly("1-0", "2-0");

        List<OutboxRow> later = outbox.due("a", Instant.now().plusSeconds(61), 10);
        assertThat(later).extracting(OutboxRow::eventId).containsExactly("1-0");
        assertThat(later.get(0).attempts()).isEqualTo(1);
        outbox.deadLettered(later.get(0), "gave up");
        assertThat(outbox.due("a", Instant.now(), 10)).extracting(OutboxRow::eventId).containsExactly("1-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aListedTaskSaysWhenItLastChanged(String database) {
        Instant created = Instant.parse("2026-03-01T08:00:00Z");
        ManualClock clock = new ManualClock(created);
        TaskStore store = store(database, clock);
        store.apply(List.of(created(1), created(2)));
        clock.advance(Duration.ofMinutes(90));
        store.apply(List.of(moved(1, 0, 2)));
        clock.advance(Duration.ofMinutes(5));
        // a stale observation changes nothing, so not the time either
        store.apply(List.of(moved(2, 1, 2)));

        assertThat(store.list(null, 10)).extracting(listed -> listed.task().taskId() + " " + listed.updatedAt())
                .containsExactly("2 2026-03-01T08:00:00Z", "1 2026-03-01T09:30:00Z");
        assertThat(store.list(2, 10)).extracting(TaskStore.Listed::task).extracting(TrackedTask::taskId).containsExactly(1L);
    }
}
