package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.support.StoreDatabase;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal that keeps a descriptor key from being submitted twice, on H2 and on PostgreSQL. */
class SubmissionJournalTest {

    private static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();
    /** Every bridge of a test on one clock, moved by the test: a lease runs out when the test says, not under load. */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T09:00:00Z"));

    private SubmissionJournal journal(String database) {
        return journal(database, LEASE);
    }

    /** Each call is one more bridge on the same store, with its own lease. */
    private SubmissionJournal journal(String database, Duration lease) {
        return new SubmissionJournal(store.open(database), lease, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSubmittedKeyCannotBeClaimedAgain(String database) {
        SubmissionJournal journal = journal(database);
        assertThat(journal.claim("k1", false, 1000)).isInstanceOf(SubmissionJournal.Owned.class);
        journal.submitted("k1", List.of(1001L, 1002L));

        assertThat(journal.claim("k1", false, 1000)).isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.SUBMITTED, List.of(1001L, 1002L), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aKeyInFlightIsNotClaimedTwice(String database) {
        SubmissionJournal journal = journal(database);
        assertThat(journal.claim("k1", false, 1000)).isInstanceOf(SubmissionJournal.Owned.class);

        assertThat(journal.claim("k1", false, 1000)).isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.IN_FLIGHT, List.of(), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDeadLetteredKeyIsClaimedAgainOnlyByItsReplayWhichStartsAfresh(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("k1", false, 1000);
        journal.attempting("k1", 2, Instant.now(), 1005);
        journal.deadLettered("k1", null, "50001", List.of());

        assertThat(journal.claim("k1", false, 1000)).as("its file read again")
                .isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.DEAD_LETTERED, List.of(), "50001"));
        assertThat(journal.claim("k1", true, 1000)).isEqualTo(new SubmissionJournal.Owned(0, null, null, false, null));
        assertThat(journal.find("k1")).get().extracting(SubmissionJournal.Earlier::state)
                .isEqualTo(SubmissionJournal.State.IN_FLIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void ofManyConcurrentClaimsOfOneKeyExactlyOneWins(String database) throws Exception {
        SubmissionJournal journal = journal(database);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SubmissionJournal.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(pool.submit(() -> journal.claim("contested", false, 1000)));
            }
            int winners = 0;
            for (Future<SubmissionJournal.Claim> f : claims) {
                winners += f.get() instanceof SubmissionJournal.Owned ? 1 : 0;
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
            SubmissionJournal journal = new SubmissionJournal(first, LEASE, Clock.systemUTC());
            journal.claim("k1", false, 1000);
            journal.submitted("k1", List.of(7L));
        }
        try (HikariDataSource second = StoreDataSource.open(url, "", "")) {
            assertThat(new SubmissionJournal(second, LEASE, Clock.systemUTC()).claim("k1", false, 1000))
                    .isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.SUBMITTED, List.of(7L), null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aClaimWhoseLeaseRanOutIsTakenOverWithItsAttempts(String database) {
        SubmissionJournal dead = journal(database, Duration.ofMillis(200));
        SubmissionJournal other = journal(database);
        Instant attempted = Instant.parse("2026-11-29T10:00:00Z");
        dead.claim("abandoned", false, 1000);
        dead.attempting("abandoned", 2, attempted, 1041);
        clock.advance(Duration.ofMillis(200));
        assertThat(other.claim("abandoned", false, 1000)).as("still within its lease").isInstanceOf(SubmissionJournal.Earlier.class);

        clock.advance(Duration.ofMillis(1));
        assertThat(other.claim("abandoned", false, 1000)).as("its lease ran out").isInstanceOf(SubmissionJournal.Owned.class);

        assertThat(other.find("abandoned")).get().extracting(SubmissionJournal.Earlier::state).isEqualTo(SubmissionJournal.State.IN_FLIGHT);
        assertThat(other.claim("abandoned", false, 1000)).as("now the other bridge's, on a long lease").isInstanceOf(SubmissionJournal.Earlier.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theKeysLeftInFlightAreThoseOfAKindWhoseLeaseRanOut(String database) {
        SubmissionJournal dead = journal(database, Duration.ofMillis(200));
        SubmissionJournal live = journal(database);
        dead.claim("schedule:a@2026-11-29T09:00:00Z", false, 1000);
        dead.claim("schedule:a@2026-11-29T09:00:02Z", false, 1000);
        dead.submitted("schedule:a@2026-11-29T09:00:02Z", List.of(1001L));
        dead.claim("file.jsonl#1", false, 1000);
        live.claim("schedule:b@2026-11-29T09:00:00Z", false, 1000);
        assertThat(live.leftInFlight("schedule:")).as("within the lease").isEmpty();

        clock.advance(Duration.ofMillis(201));
        assertThat(live.leftInFlight("schedule:")).containsExactly("schedule:a@2026-11-29T09:00:00Z");
        assertThat(live.leftInFlight("schedule_")).as("a prefix is not a pattern").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aTakenOverClaimCarriesWhatItsAttemptsLeft(String database) {
        SubmissionJournal journal = journal(database);
        Instant first = Instant.parse("2026-11-29T10:00:00Z");
        Instant second = first.plusSeconds(3);
        Instant claimed = clock.instant();
        journal.claim("stopped-mid-retry", false, 1000);
        journal.attempting("stopped-mid-retry", 2, first, 1040);
        journal.attempting("stopped-mid-retry", 3, second, 1041);
        journal.claim("done", false, 1000);
        journal.submitted("done", List.of(5L));

        assertThat(journal.expireLeftoverClaims()).isEqualTo(1);

        SubmissionJournal.Owned taken = (SubmissionJournal.Owned) journal.claim("stopped-mid-retry", false, 1000);
        assertThat(taken.attempts()).isEqualTo(3);
        assertThat(taken.firstAttemptAt()).as("the claim stands for the first attempt").isEqualTo(claimed);
        assertThat(taken.lastAttemptAt()).isEqualTo(second);
        assertThat(taken.mayHaveReachedTikMatrix()).isTrue();
        assertThat(taken.highestTaskIdBefore()).isEqualTo(1041L);
        assertThat(journal.claim("done", false, 1000)).isInstanceOf(SubmissionJournal.Earlier.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSettledAttemptNoLongerCountsAsMayHaveReachedTikMatrix(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("k1", false, 1000);
        journal.claim("k2", false, 1000);
        assertThat(journal.othersUnsettled("k1")).as("a claim stands for a first attempt").isEqualTo(1);

        journal.settledAsNotCreated("k2");

        assertThat(journal.othersUnsettled("k1")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theCandidatesOfAnAmbiguousDeadLetterAreKnownToEveryOtherKeyUntilItIsReplayed(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("unclear", false, 1000);
        journal.deadLettered("unclear", null, "ambiguous", List.of(1003L, 1007L));
        journal.claim("rejected", false, 1000);
        journal.deadLettered("rejected", null, "40001", List.of());

        assertThat(journal.ambiguousCandidates("other")).containsExactlyInAnyOrder(1003L, 1007L);
        assertThat(journal.ambiguousCandidates("unclear")).as("not its own").isEmpty();

        journal.claim("unclear", true, 1000);

        assertThat(journal.ambiguousCandidates("other")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void renewingKeepsALiveBridgesClaimsFromBeingTakenOver(String database) {
        SubmissionJournal live = journal(database, Duration.ofMillis(600));
        SubmissionJournal other = journal(database);
        live.claim("working", false, 1000);

        // three leases long, renewed every third of the lease as the bridge's timer does
        for (int renewal = 1; renewal <= 9; renewal++) {
            clock.advance(Duration.ofMillis(live.leaseRenewalMillis()));
            assertThat(live.renewLeases()).as("renewal %d", renewal).isEqualTo(1);
            assertThat(other.claim("working", false, 1000)).as("after renewal %d", renewal).isInstanceOf(SubmissionJournal.Earlier.class);
        }
        clock.advance(Duration.ofMillis(601));
        assertThat(other.claim("working", false, 1000)).as("once renewals stop, the lease runs out").isInstanceOf(SubmissionJournal.Owned.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void onlyTheClaimsABridgeStillHoldsAreRenewed(String database) {
        SubmissionJournal live = journal(database, Duration.ofMillis(600));
        live.claim("submitted", false, 1000);
        live.claim("dead-lettered", false, 1000);
        live.claim("working", false, 1000);
        live.submitted("submitted", List.of(7L));
        live.deadLettered("dead-lettered", null, "40001", List.of());

        assertThat(live.renewLeases()).isEqualTo(1);
        live.submitted("working", List.of(8L));
        assertThat(live.renewLeases()).as("a bridge that holds no claim").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aClaimAnotherBridgeTookOverIsNotRenewedByTheFirst(String database) {
        SubmissionJournal paused = journal(database, Duration.ofMillis(600));
        SubmissionJournal other = journal(database, Duration.ofMillis(600));
        SubmissionJournal third = journal(database, Duration.ofMillis(600));
        paused.claim("k", false, 1000);
        clock.advance(Duration.ofMillis(601));
        assertThat(other.claim("k", false, 1000)).isInstanceOf(SubmissionJournal.Owned.class);

        clock.advance(Duration.ofMillis(400));
        assertThat(paused.renewLeases()).isZero();
        assertThat(other.renewLeases()).isEqualTo(1);
        clock.advance(Duration.ofMillis(400));
        assertThat(third.claim("k", false, 1000)).as("the lease its new owner renewed").isInstanceOf(SubmissionJournal.Earlier.class);
    }
}
