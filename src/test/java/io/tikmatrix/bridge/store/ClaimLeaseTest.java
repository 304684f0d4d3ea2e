package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a store shared by several bridges, a live bridge renews its claims: held by the licence gate for three
 * times its lease, it keeps its key, and another bridge cannot take the key over and post it a second time.
 */
class ClaimLeaseTest {

    private static final String DESCRIPTOR =
            "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {\"task_duration\": 60}}";

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void aBridgeHeldLongerThanItsLeaseKeepsItsKey() throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        // the retry comes after the plan is gone, so it waits at the gate rather than racing the test
        bridge.with("bridge.store.jdbc-url", store).with("bridge.store.claim-lease", "1s")
                .with("bridge.retry.initial-delay", "2s").with("bridge.retry.max-delay", "2s").start();
        bridge.simulator().faults().failNext(1, "POST", "/task", Fault.errorEnvelope(40301, 403));
        bridge.drop("one.json", DESCRIPTOR);
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.simulator().requestCount("POST", "/task") == 1);
        // the plan loses API access: the claimed descriptor waits at the licence gate
        bridge.simulator().faults().setPlan(false);

        try (HikariDataSource shared = StoreDataSource.open(store, "", "")) {
            String key = onlyKey(shared);
            SubmissionJournal otherBridge = new SubmissionJournal(shared, Duration.ofMinutes(1), Clock.systemUTC());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> otherBridge.claim(key, false, 0) instanceof SubmissionJournal.Earlier);
        }
        bridge.simulator().faults().setPlan(true);

        assertThat(bridge.awaitReceipt("one.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(bridge.simulator().tasks()).hasSize(1);
    }

    private static String onlyKey(HikariDataSource store) throws Exception {
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT descriptor_key FROM bridge_submission")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
