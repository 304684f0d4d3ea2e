package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal that keeps a descriptor key from being submitted twice, on H2 and on PostgreSQL. */
class SubmissionJournalTest {

    private static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private HikariDataSource dataSource;

    private SubmissionJournal journal(String database) {
        String url = database.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.freshPostgresSchema();
        dataSource = StoreDataSource.open(url, "", "");
        return new SubmissionJournal(dataSource, LEASE);
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSubmittedKeyCannotBeClaimedAgain(String database) {
        SubmissionJournal journal = journal(database);
        assertThat(journal.claim("k1")).isEmpty();
        journal.submitted("k1", List.of(1001L, 1002L));

        Optional<SubmissionJournal.Earlier> again = journal.claim("k1");

        assertThat(again).isPresent();
        assertThat(again.get().state()).isEqualTo(SubmissionJournal.State.SUBMITTED);
        assertThat(again.get().taskIds()).containsExactly(1001L, 1002L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aKeyInFlightIsNotClaimedTwice(String database) {
        SubmissionJournal journal = journal(database);
        assertThat(journal.claim("k1")).isEmpty();

        assertThat(journal.claim("k1")).get().extracting(SubmissionJournal.Earlier::state)
                .isEqualTo(SubmissionJournal.State.IN_FLIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeadLetteredKeyMayBeClaimedAgainForReplay(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("k1");
        journal.deadLettered("k1", null);

        assertThat(journal.claim("k1")).isEmpty();
        assertThat(journal.find("k1")).get().extracting(SubmissionJournal.Earlier::state)
                .isEqualTo(SubmissionJournal.State.IN_FLIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void ofManyConcurrentClaimsOfOneKeyExactlyOneWins(String database) throws Exception {
        SubmissionJournal journal = journal(database);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<SubmissionJournal.Earlier>>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(pool.submit(() -> journal.claim("contested")));
            }
            int winners = 0;
            for (Future<Optional<SubmissionJournal.Earlier>> f : claims) {
                winners += f.get().isEmpty() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theJournalSurvivesAReopen(String database) {
        String url = database.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.freshPostgresSchema();
        try (HikariDataSource first = StoreDataSource.open(url, "", "")) {
            SubmissionJournal journal = new SubmissionJournal(first, LEASE);
            journal.claim("k1");
            journal.submitted("k1", List.of(7L));
        }
        try (HikariDataSource second = StoreDataSource.open(url, "", "")) {
            assertThat(new SubmissionJournal(second, LEASE).claim("k1")).get()
                    .extracting(SubmissionJournal.Earlier::taskIds).isEqualTo(List.of(7L));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aClaimOlderThanItsLeaseMayBeTakenOver(String database) throws Exception {
        String url = database.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.freshPostgresSchema();
        dataSource = StoreDataSource.open(url, "", "");
        SubmissionJournal shortLease = new SubmissionJournal(dataSource, Duration.ofMillis(200));
        shortLease.claim("abandoned");
        assertThat(shortLease.claim("abandoned")).as("still within its lease").isPresent();

        Thread.sleep(300);

        assertThat(shortLease.claim("abandoned")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void releasingClaimsInFlightFreesThemAndKeepsTheSubmitted(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("stopped-mid-retry");
        journal.claim("done");
        journal.submitted("done", List.of(5L));

        assertThat(journal.releaseInFlightClaims()).isEqualTo(1);

        assertThat(journal.claim("stopped-mid-retry")).isEmpty();
        assertThat(journal.claim("done")).isPresent();
    }
}
