package io.tikmatrix.bridge.store;

import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims queued as a file is read ({@link SubmissionJournal#claimLater}): committed together at the first await, each
 * answering as a claim made on its own would, and withdrawn without a trace when their descriptor goes no further.
 */
class QueuedClaimTest {

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));

    private SubmissionJournal journal(String database) {
        return new SubmissionJournal(store.open(database), Duration.ofMinutes(10), clock);
    }

    private static final SubmissionJournal.Earlier IN_FLIGHT = new SubmissionJournal.Earlier(SubmissionJournal.State.IN_FLIGHT, List.of(), null);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theClaimsQueuedBeforeAnAwaitAreCommittedByIt(String database) {
        SubmissionJournal journal = journal(database);
        SubmissionJournal.QueuedClaim first = journal.claimLater("line-1", 1000);
        journal.claimLater("line-2", 1000);
        journal.claimLater("line-3", 1000);
        assertThat(journal.find("line-1")).as("nothing is committed before an await").isEmpty();

        assertThat(first.await()).isInstanceOf(SubmissionJournal.Owned.class);

        for (String key : List.of("line-1", "line-2", "line-3")) {
            assertThat(journal.find(key)).as(key).contains(IN_FLIGHT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aQueuedClaimOfAKnownKeyAnswersAsAClaimMadeOnItsOwn(String database) {
        SubmissionJournal journal = journal(database);
        journal.claim("done", false, 1000);
        journal.submitted("done", List.of(7L));
        journal.claim("elsewhere", false, 1000);

        assertThat(journal.claimLater("done", 1000).await())
                .isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.SUBMITTED, List.of(7L), null));
        assertThat(journal.claimLater("elsewhere", 1000).await()).isEqualTo(IN_FLIGHT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWithdrawnClaimLeavesNoTraceAndIsMadeAgainIfItsDescriptorGoesOnAfterAll(String database) {
        SubmissionJournal journal = journal(database);
        SubmissionJournal.QueuedClaim taken = journal.claimLater("taken", 1000);
        SubmissionJournal.QueuedClaim untaken = journal.claimLater("untaken", 1000);
        taken.await();

        taken.withdraw();
        untaken.withdraw();

        assertThat(journal.find("taken")).as("a claim its descriptor took is that descriptor's to settle").contains(IN_FLIGHT);
        assertThat(journal.find("untaken")).isEmpty();
        assertThat(journal.claim("untaken", false, 1000)).as("the file read again").isInstanceOf(SubmissionJournal.Owned.class);
        journal.submitted("untaken", List.of(8L));
        assertThat(untaken.await()).as("withdrawn, then taken after all: claimed again, and found submitted")
                .isEqualTo(new SubmissionJournal.Earlier(SubmissionJournal.State.SUBMITTED, List.of(8L), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWithdrawnDuplicateLeavesTheClaimItLostTo(String database) {
        SubmissionJournal journal = journal(database);
        SubmissionJournal.QueuedClaim line1 = journal.claimLater("same-id", 1000);
        SubmissionJournal.QueuedClaim line2 = journal.claimLater("same-id", 1000);
        assertThat(line1.await()).isInstanceOf(SubmissionJournal.Owned.class);

        line2.withdraw();

        assertThat(journal.find("same-id")).contains(IN_FLIGHT);
    }
}
