package io.tikmatrix.bridge.schedule;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quartz's workers wait for a firing without waking up, and Quartz's scheduler thread is told a worker is free only
 * when one is.
 */
class QuartzWorkersTest {

    private final QuartzWorkers workers = new QuartzWorkers();

    @AfterEach
    void shutDown() {
        workers.shutdown(true);
    }

    @Test
    void idleWorkersWaitWithoutATimeOut() {
        workers.setInstanceName("idle-test");
        workers.setThreadCount(2);
        workers.initialize();
        CountDownLatch ran = new CountDownLatch(2);
        workers.runInThread(ran::countDown);
        workers.runInThread(ran::countDown);
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);

        // SimpleThreadPool's idle workers are TIMED_WAITING: they wake every 500 ms to look for work
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("idle-test_Worker-")).map(Thread::getState))
                .containsExactly(Thread.State.WAITING, Thread.State.WAITING));
    }

    @Test
    void theSchedulerWaitsForAFreeWorker() throws Exception {
        workers.setThreadCount(1);
        workers.initialize();
        assertThat(workers.blockForAvailableThreads()).isEqualTo(1);
        CountDownLatch release = new CountDownLatch(1);
        workers.runInThread(() -> waitFor(release));

        CompletableFuture<Integer> free = CompletableFuture.supplyAsync(workers::blockForAvailableThreads);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !free.isDone());
        release.countDown();

        assertThat(free.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aFiringHandedInAtShutdownStillRuns() throws Exception {
        workers.initialize();
        workers.shutdown(false);
        CountDownLatch ran = new CountDownLatch(1);

        assertThat(workers.runInThread(ran::countDown)).isTrue();

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
