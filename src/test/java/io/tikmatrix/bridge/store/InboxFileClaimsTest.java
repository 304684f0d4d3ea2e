package io.tikmatrix.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A shared inbox's files on one PostgreSQL store: each is one bridge's until it lets go or its lease runs out. */
class InboxFileClaimsTest {

    private static final Instant T = Instant.parse("2026-11-30T07:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @Test
    void aFileIsOneBridgesUntilItLetsGoOrDies() {
        HikariDataSource dataSource = store.open("postgres");
        InboxFileClaims first = claims(dataSource, T);
        InboxFileClaims second = claims(dataSource, T);

        assertThat(first.add("a.jsonl")).isTrue();
        assertThat(second.add("a.jsonl")).as("held by the first bridge").isFalse();
        assertThat(second.remove("a.jsonl")).as("another bridge's claim is not dropped").isFalse();
        assertThat(second.contains("a.jsonl")).isTrue();
        assertThat(second.add("a.jsonl")).isFalse();

        assertThat(first.remove("a.jsonl")).isTrue();
        assertThat(second.add("a.jsonl")).as("let go of: the next bridge takes it").isTrue();

        InboxFileClaims withinLease = claims(dataSource, T.plus(LEASE));
        assertThat(withinLease.add("a.jsonl")).isFalse();
        InboxFileClaims afterLease = claims(dataSource, T.plus(LEASE).plusMillis(1));
        assertThat(afterLease.add("a.jsonl")).as("the second bridge died: its lease ran out").isTrue();
        assertThat(second.remove("a.jsonl")).as("the dead bridge's claim is gone").isFalse();
        assertThat(afterLease.contains("a.jsonl")).isTrue();
    }

    @Test
    void aLivingBridgeRenewsItsClaims() {
        HikariDataSource dataSource = store.open("postgres");
        ManualClock now = new ManualClock(T);
        InboxFileClaims holder = new InboxFileClaims(dataSource, LEASE, now);
        assertThat(holder.add("b.csv")).isTrue();
        now.advance(LEASE.dividedBy(3));
        holder.renew();
        Instant renewedUntil = T.plus(LEASE.dividedBy(3)).plus(LEASE);
        assertThat(claims(dataSource, renewedUntil).add("b.csv")).as("renewed a third of a lease later").isFalse();
        assertThat(claims(dataSource, renewedUntil.plusMillis(1)).add("b.csv")).isTrue();
    }

    private static InboxFileClaims claims(HikariDataSource dataSource, Instant now) {
        return new InboxFileClaims(dataSource, LEASE, Clock.fixed(now, ZoneOffset.UTC));
    }
}
