package io.tikmatrix.bridge.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.OutboxEvent;
import io.tikmatrix.bridge.store.OutboxRow;
import io.tikmatrix.bridge.store.PendingCommit;
import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TaskChange;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.support.TempDirs;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The H2 store alone, in this JVM, as the intake and the metrics use it (bench/run.sh store; docs/BENCHMARKS.md):
 * <ol>
 * <li>intake: 8 threads claim descriptors 4 ahead of their calls, then record each one's task, its first event and its
 * outcome in one queued transaction, while a delivery thread reads the events due 100 at a time and marks them
 * delivered: CPU per 1,000 descriptors after a first 5,000, and the store file's size;</li>
 * <li>scrapes: on a store of {@code tasks} tasks and a fifth as many events, most delivered, the CPU of one metrics
 * scrape's reads of the store (the four task gauges, the endpoint's waiting events), a task written before each.</li>
 * </ol>
 */
public final class StoreBenchmark {

    private static final int WRITERS = 8;
    private static final int CLAIMED_AHEAD = 4;
    private static final int WARM_UP = 5_000;
    private static final String ENDPOINT = "default";
    /** About the size of a status event with its CloudEvents envelope. */
    private static final String EVENT = "{\"specversion\":\"1.0\",\"data\":\"" + "x".repeat(900) + "\"}";

    private StoreBenchmark() {
    }

    /** @param args descriptors of the intake (default 20,000), tasks of the scrapes' store (default 1,000,000) */
    public static void main(String[] args) throws Exception {
        int descriptors = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("tikmatrix-store");
        try {
            intake(dir.resolve("intake"), descriptors);
            scrapes(dir.resolve("scrapes"), tasks);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void intake(Path dir, int descriptors) throws Exception {
        try (HikariDataSource store = StoreDataSource.open("jdbc:h2:file:" + dir.resolve("bridge"), "", "")) {
            Clock clock = Clock.systemUTC();
            EventOutbox outbox = new EventOutbox(store, List.of(ENDPOINT), Duration.ofMinutes(1), clock);
            TaskStore tasks = new TaskStore(store, outbox, clock);
            SubmissionJournal journal = new SubmissionJournal(store, Duration.ofMinutes(1), clock);
            AtomicLong delivered = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            // as the bridge's delivery rounds: woken by committed rows, and no later than 5 ms
            Semaphore written = new Semaphore(0);
            outbox.whenWritten(written::release);
            Thread delivery = new Thread(() -> {
                while (!stop.get()) {
                    written.drainPermits();
                    List<OutboxRow> due = outbox.due(ENDPOINT, clock.instant(), 100);
                    outbox.delivered(due);
                    synchronized (delivered) {
                        delivered.addAndGet(due.size());
                        delivered.notifyAll();
                    }
                    if (due.isEmpty()) {
                        try {
                            written.tryAcquire(5, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "delivery");
            delivery.start();
            try {
                record(journal, tasks, 0, WARM_UP);
                awaitDelivered(delivered, WARM_UP);
                long cpuBefore = cpuNanos();
                long start = System.nanoTime();
                record(journal, tasks, WARM_UP, descriptors);
                awaitDelivered(delivered, WARM_UP + descriptors);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("store intake of %d descriptors (%d writers, claims %d ahead, events delivered as they come):"
                                + " %.0f CPU-ms per 1,000, %.0f/s; store file %d MB%n", descriptors, WRITERS, CLAIMED_AHEAD,
                        (cpuNanos() - cpuBefore) / 1e6 * 1000 / descriptors, descriptors / seconds,
                        Files.size(dir.resolve("bridge.mv.db")) >> 20);
            } finally {
                stop.set(true);
                delivery.join();
            }
        }
    }

    /** Descriptors {@code from} to {@code from + count}, each claimed, then its task, first event and outcome recorded. */
    private static void record(SubmissionJournal journal, TaskStore tasks, int from, int count) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        AtomicInteger next = new AtomicInteger(from);
        List<PendingCommit> records = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            work.add(writers.submit(() -> {
                for (int first = next.getAndAdd(CLAIMED_AHEAD); first < from + count; first = next.getAndAdd(CLAIMED_AHEAD)) {
                    int last = Math.min(first + CLAIMED_AHEAD, from + count);
                    List<SubmissionJournal.QueuedClaim> claims = new ArrayList<>();
                    for (int i = first; i < last; i++) {
                        claims.add(journal.claimLater(key(i), 0));
                    }
                    for (int i = first; i < last; i++) {
                        claims.get(i - first).await();
                        String key = key(i);
                        long id = i + 1;
                        records.add(journal.inOneTransactionLater("record " + key, () -> {
                            TrackedTask task = new TrackedTask(TrackedTask.ONE_HOST, id, key, "post", "emulator-1", "user-1",
                                    "{\"file\":\"posts.jsonl\",\"position\":" + id + "}", 0, false);
                            tasks.apply(List.of(new TaskChange(task, null, new OutboxEvent(id + "-0", id, EVENT))));
                            journal.submitted(key, List.of(id));
                        }));
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : work) {
            w.get();
        }
        records.forEach(PendingCommit::await);
        writers.shutdown();
    }

    private static String key(int i) {
        return "posts.jsonl@sha256:" + "0f".repeat(32) + "#" + i;
    }

    private static void awaitDelivered(AtomicLong delivered, long count) throws InterruptedException {
        synchronized (delivered) {
            while (delivered.get() < count) {
                delivered.wait();
            }
        }
    }

    private static void scrapes(Path dir, int taskCount) throws SQLException {
        try (HikariDataSource store = StoreDataSource.open("jdbc:h2:file:" + dir.resolve("bridge"), "", "")) {
            Clock clock = Clock.systemUTC();
            EventOutbox outbox = new EventOutbox(store, List.of(ENDPOINT), Duration.ofMinutes(1), clock);
            TaskStore tasks = new TaskStore(store, outbox, clock);
            int events = taskCount / 5;
            try (Connection c = store.getConnection(); Statement fill = c.createStatement()) {
                // the last hundred of each still to do
                fill.execute("INSERT INTO bridge_task (host, task_id, descriptor_key, script_name, serial, username, source, status,"
                        + " terminal, created_at, updated_at) SELECT '" + TrackedTask.ONE_HOST + "', X, 'posts.jsonl@sha256:" + "0f".repeat(32)
                        + "#' || X, 'post', 'emulator-1', 'user-1', '{\"file\":\"posts.jsonl\",\"position\":' || X || '}',"
                        + " CASE WHEN X > " + (taskCount - 100) + " THEN 0 ELSE 2 END, X <= " + (taskCount - 100) + ","
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + taskCount + ")");
                fill.execute("INSERT INTO bridge_event_outbox (endpoint, event_id, task_id, body, state, attempts, next_attempt_at, created_at)"
                        + " SELECT '" + ENDPOINT + "', X || '-2', X, REPEAT('x', 900), CASE WHEN X > " + (events - 100)
                        + " THEN 'PENDING' ELSE 'DELIVERED' END, 1, 0, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + events + ")");
            }
            for (int scrape = 1; scrape <= 4; scrape++) {
                long id = taskCount + scrape;
                tasks.apply(List.of(new TaskChange(new TrackedTask(TrackedTask.ONE_HOST, id, "k" + id, "post", null, null, null, 0, false),
                        null, new OutboxEvent(id + "-0", id, "{}"))));
                long cpuBefore = cpuNanos();
                for (int status = 0; status <= 3; status++) {
                    tasks.countByStatus().getOrDefault(status, 0L);
                }
                outbox.waiting(ENDPOINT);
                System.out.printf("scrape %d of a store of %,d tasks and %,d events: %.0f CPU-ms%n", scrape, taskCount, events,
                        (cpuNanos() - cpuBefore) / 1e6);
            }
        }
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
