package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each TikMatrix host numbers its own tasks, so the store knows a task by host and id; on H2 and on PostgreSQL. */
class TasksByHostTest {

    @RegisterExtension
    final StoreDatabase database = new StoreDatabase();

    private static TaskChange created(String host, long id, String key) {
        TrackedTask task = new TrackedTask(host, id, key, "post", null, null, null, 0, false);
        return new TaskChange(task, null, new OutboxEvent(host + "-" + id + "-0", id, "{}"));
    }

    private TaskStore store(HikariDataSource dataSource) {
        return new TaskStore(dataSource, new EventOutbox(dataSource, List.of("a"), Duration.ofSeconds(15), Clock.systemUTC()),
                Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theSameIdOnTwoHostsIsTwoTasks(String db) {
        TaskStore store = store(database.open(db));

        assertThat(store.apply(List.of(created("pc-1", 7, "k@pc-1"), created("pc-2", 7, "k@pc-2"), created("pc-2", 9, "j@pc-2"))))
                .hasSize(3);

        assertThat(store.active("pc-1")).extracting(TrackedTask::descriptorKey).containsExactly("k@pc-1");
        assertThat(store.active("pc-2")).extracting(TrackedTask::descriptorKey).containsExactly("k@pc-2", "j@pc-2");
        assertThat(store.keysOf("pc-2", List.of(7L, 9L))).isEqualTo(Map.of(7L, "k@pc-2", 9L, "j@pc-2"));
        assertThat(store.keysOf("pc-1", List.of(9L))).isEmpty();
        assertThat(store.highestTaskId("pc-1")).isEqualTo(7);
        assertThat(store.highestTaskId("pc-2")).isEqualTo(9);
        assertThat(store.highestTaskId("pc-3")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aStoreMadeBeforeTheFleetKeepsItsTasksAsTheOneHostsOwn(String db) {
        HikariDataSource dataSource = database.open(db);
        Sql sql = new Sql(dataSource);
        sql.schema("the task table as it was", "CREATE TABLE bridge_task (task_id BIGINT PRIMARY KEY,"
                + " descriptor_key VARCHAR(2048), script_name VARCHAR(255), serial VARCHAR(255), username VARCHAR(255),"
                + " source VARCHAR(4000), status INT NOT NULL, terminal BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL,"
                + " updated_at TIMESTAMP NOT NULL)");
        sql.update("track a task", "INSERT INTO bridge_task VALUES (41, 'old', 'post', 'emulator-5554', NULL, NULL, 1, FALSE,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        TaskStore store = store(dataSource);
        assertThat(store.active(TrackedTask.ONE_HOST)).extracting(TrackedTask::taskId, TrackedTask::descriptorKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(41L, "old"));
        assertThat(store.apply(List.of(created("pc-2", 41, "new@pc-2")))).hasSize(1);

        // and a second start finds the table as it left it
        assertThat(store(dataSource).active()).extracting(TrackedTask::host).containsExactly(TrackedTask.ONE_HOST, "pc-2");
    }
}
