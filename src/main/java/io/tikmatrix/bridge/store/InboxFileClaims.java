package io.tikmatrix.bridge.store;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which bridge reads which file of a shared inbox: the repository of camel-file's idempotent read lock, in the store.
 * A file is claimed by one bridge for a lease that the bridge renews every third of it while it lives; a claim can be
 * taken over only once its lease ran out (its bridge died), and a bridge lets go of its own claims only. camel-sql's
 * JDBC repositories do neither: their rows name no bridge, so a remove from any bridge frees a file, and the
 * orphan-aware one does not keep alive a lock it took over; with it, two live bridges read one file.
 */
public final class InboxFileClaims extends ServiceSupport implements IdempotentRepository {

    private static final String TABLE = "bridge_inbox_claim";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFileClaims.class);

    private final Sql sql;
    private final Duration lease;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private ScheduledExecutorService renewals;

    public InboxFileClaims(DataSource dataSource, Duration lease, Clock clock) {
        this.sql = new Sql(dataSource);
        this.lease = lease;
        this.clock = clock;
        sql.schema("the inbox claims", "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + " file_name VARCHAR(1024) PRIMARY KEY,"
                + " owner VARCHAR(64) NOT NULL,"
                + " lease_until BIGINT NOT NULL)");
    }

    /** Claims the file for this bridge: a new claim, or one whose bridge let its lease run out. */
    @Override
    public boolean add(String fileName) {
        long now = clock.millis();
        long until = now + lease.toMillis();
        return sql.insertIfAbsent("claim inbox file " + fileName,
                "INSERT INTO " + TABLE + " (file_name, owner, lease_until) VALUES (?, ?, ?)", fileName, owner, until)
                || sql.update("take over inbox file " + fileName, "UPDATE " + TABLE + " SET owner = ?, lease_until = ?"
                + " WHERE file_name = ? AND lease_until < ?", owner, until, fileName, now) == 1;
    }

    @Override
    public boolean contains(String fileName) {
        return !sql.query("look up the claim of inbox file " + fileName, "SELECT 1 FROM " + TABLE
                + " WHERE file_name = ? AND lease_until >= ?", rs -> true, fileName, clock.millis()).isEmpty();
    }

    /** Lets go of the file, if this bridge holds it: another bridge's claim is never dropped from here. */
    @Override
    public boolean remove(String fileName) {
        return sql.update("let go of inbox file " + fileName, "DELETE FROM " + TABLE + " WHERE file_name = ? AND owner = ?",
                fileName, owner) == 1;
    }

    @Override
    public boolean confirm(String fileName) {
        return true;
    }

    @Override
    public void clear() {
        sql.update("let go of every inbox file", "DELETE FROM " + TABLE + " WHERE owner = ?", owner);
    }

    /** Renews this bridge's claims: called every third of the lease, so a late renewal still lands in time. */
    void renew() {
        sql.update("renew the inbox claims", "UPDATE " + TABLE + " SET lease_until = ? WHERE owner = ?",
                clock.millis() + lease.toMillis(), owner);
    }

    @Override
    protected void doStart() {
        renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "inbox-claim-renewals");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        renewals.scheduleWithFixedDelay(() -> {
            try {
                renew();
            } catch (StoreException e) {
                // the next renewal tries again; a lease that runs out meanwhile goes to another bridge
                LOG.warn("cannot renew the inbox claims: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        renewals.shutdownNow();
        // a clean stop hands its files to the other bridges at once
        clear();
    }
}
