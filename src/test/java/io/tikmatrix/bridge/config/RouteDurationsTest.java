package io.tikmatrix.bridge.config;

import io.tikmatrix.bridge.inbox.InboxWatch;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes and the defaults file hand the configured durations ("100ms", "5s") to Camel's options as
 * written, and Camel reads them in its own syntax; the claim leases are renewed every third of
 * bridge.store.claim-lease. The API retry delays are seen at work in TransientFaultRetryTest; event deliveries are
 * started by work, not by a timer (DeliveryRoundsTest).
 */
class RouteDurationsTest {

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void everyTimerAndPollTakesItsDurationFromTheConfiguration() {
        bridge.with("bridge.inbox.poll-interval", "150ms").with("bridge.inbox.stable-for", "120ms")
                .with("bridge.licence.check-interval", "2s").with("bridge.schedules.reload-interval", "1m")
                .with("bridge.store.claim-lease", "90s").start();
        CamelContext camel = bridge.bridge().camelContext();

        FileEndpoint inbox = (FileEndpoint) camel.getRoute("inbox").getEndpoint();
        assertThat(inbox.getReadLockCheckInterval()).isEqualTo(120);
        assertThat(inboxWatch(camel).pollInterval()).isEqualTo(Duration.ofMillis(150));
        assertThat(inboxWatch(camel).emptyPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timer(camel, "licence-gate").getPeriod()).isEqualTo(2_000);
        assertThat(timer(camel, "status-poll").getPeriod()).isEqualTo(100);
        assertThat(timer(camel, "status-poll").getDelay()).isEqualTo(100);
        assertThat(timer(camel, "schedules-reload").getPeriod()).isEqualTo(60_000);
        assertThat(timer(camel, "claim-leases").getPeriod()).isEqualTo(30_000);
        // camel-http's own 20 stay when bridge.api.concurrency needs fewer
        assertThat(camel.getComponent("http", HttpComponent.class).getConnectionsPerRoute()).isEqualTo(20);
    }

    @Test
    void bridgesSharingAStoreLookAtAnEmptyInboxEveryPollInterval() {
        bridge.with("bridge.store.jdbc-url", TestDatabases.freshPostgresSchema()).with("bridge.inbox.poll-interval", "150ms").start();

        assertThat(inboxWatch(bridge.bridge().camelContext()).emptyPollInterval()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void claimsLiveAsLongAsTheClusterFailoverUnlessSaidOtherwise() {
        bridge.with("bridge.cluster.failover", "30s").start();

        assertThat(timer(bridge.bridge().camelContext(), "claim-leases").getPeriod()).isEqualTo(10_000);
    }

    @Test
    void camelHttpAndTheShutdownTakeTheirTimeOutsAndPoolFromTheConfiguration() {
        bridge.with("tikmatrix.connect-timeout", "3s").with("tikmatrix.response-timeout", "1500ms")
                .with("bridge.api.concurrency", "30").start();

        HttpComponent http = bridge.bridge().camelContext().getComponent("http", HttpComponent.class);

        assertThat(http.getConnectTimeout()).isEqualTo(3_000);
        assertThat(http.getConnectionRequestTimeout()).isEqualTo(3_000);
        assertThat(http.getResponseTimeout()).isEqualTo(1_500);
        assertThat(http.isAutomaticRetriesDisabled()).isTrue();
        // one pool for every endpoint: 30 submit threads, the status poll and the licence check, and the webhooks
        PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) http.getClientConnectionManager();
        assertThat(pool.getDefaultMaxPerRoute()).isEqualTo(32);
        assertThat(pool.getMaxTotal()).isEqualTo(52);
        // the pool's socket time-out cannot be read back (its getter is deprecated and answers the default):
        // LostAnswerTest shows an answer later than tikmatrix.response-timeout is not waited for
        // a stop waits for calls in flight as long as their time-outs, in whole seconds
        assertThat(bridge.bridge().camelContext().getShutdownStrategy().getTimeout()).isEqualTo(4);
    }

    private static TimerEndpoint timer(CamelContext camel, String routeId) {
        return (TimerEndpoint) camel.getRoute(routeId).getEndpoint();
    }

    private static InboxWatch inboxWatch(CamelContext camel) {
        return (InboxWatch) ((ScheduledPollConsumer) camel.getRoute("inbox").getConsumer()).getScheduler();
    }
}
