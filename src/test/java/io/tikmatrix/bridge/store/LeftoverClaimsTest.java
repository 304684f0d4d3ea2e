package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bridge that starts on its own store (H2) lets the claims its last run left in flight be taken over at once, and
 * finds them among the keys in flight, not by reading every key the journal ever took: a journal of a year's
 * descriptors would hold its start for seconds.
 */
class LeftoverClaimsTest {

    private static final int SETTLED = 5_000;

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @Test
    void theClaimsLeftInFlightAreFoundWithoutReadingEveryKey() throws SQLException {
        HikariDataSource dataSource = store.open("h2");
        SubmissionJournal lastRun = new SubmissionJournal(dataSource, Duration.ofMinutes(5), Clock.systemUTC());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bridge_submission (descriptor_key, state, task_ids, updated_at) SELECT 'settled#' || X, 'SUBMITTED', X,"
                    + " CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + SETTLED + ")");
        }
        lastRun.claim("left#1", false, 0);
        lastRun.claim("left#2", false, 0);

        SubmissionJournal thisRun = new SubmissionJournal(dataSource, Duration.ofMinutes(5), Clock.systemUTC());
        // the two in flight, and the index's next entry, which ends the range
        assertThat(H2Scans.rowsScanned(dataSource, SubmissionJournal.EXPIRE_LEFTOVERS, Timestamp.from(Instant.EPOCH),
                SubmissionJournal.State.IN_FLIGHT.name())).as("rows H2 read to find the claims left among " + SETTLED + " settled keys").isEqualTo(3);
        assertThat(thisRun.expireLeftoverClaims()).isEqualTo(2);
        assertThat(thisRun.claim("left#1", false, 0)).as("taken over at once").isInstanceOf(SubmissionJournal.Owned.class);
    }
}
