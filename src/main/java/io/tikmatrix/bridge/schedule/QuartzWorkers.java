package io.tikmatrix.bridge.schedule;

import org.quartz.spi.ThreadPool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Quartz runs a schedule's firing on, which wait for one without waking. Quartz's own pool
 * ({@code SimpleThreadPool}) has each idle worker look for work every 500 ms: eight wake-ups a second from four
 * workers on a bridge with nothing to fire, CPU taken from TikMatrix's PC (docs/BENCHMARKS.md, session 11). Only
 * Quartz's scheduler thread hands work in, after {@link #blockForAvailableThreads()} said a worker is free.
 */
public final class QuartzWorkers implements ThreadPool {

    private final Object lock = new Object();
    private int threadCount = 1;
    private String instanceName = "quartz";
    private ExecutorService workers;
    private int busy;
    private boolean shutDown;

    /** Quartz sets it from {@code org.quartz.threadPool.threadCount}. */
    public void setThreadCount(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("org.quartz.threadPool.threadCount must be at least 1, not " + threadCount);
        }
        this.threadCount = threadCount;
    }

    @Override
    public void initialize() {
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threadCount,
                job -> new Thread(job, instanceName + "_Worker-" + number.incrementAndGet()));
    }

    /**
     * Runs the firing on a free worker, waiting for one if all are busy; after a shutdown, on a thread of its own,
     * as Quartz's pool does: the firing Quartz already took from its store then still runs rather than being marked
     * in error, which would keep its trigger from ever firing again.
     */
    @Override
    public boolean runInThread(Runnable firing) {
        synchronized (lock) {
            awaitFreeWorker();
            if (shutDown) {
                new Thread(firing, instanceName + "_LastJob").start();
                return true;
            }
            busy++;
        }
        workers.execute(() -> {
            try {
                firing.run();
            } finally {
                synchronized (lock) {
                    busy--;
                    lock.notifyAll();
                }
            }
        });
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        synchronized (lock) {
            awaitFreeWorker();
            return shutDown ? 0 : threadCount - busy;
        }
    }

    private void awaitFreeWorker() {
        while (busy >= threadCount && !shutDown) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                // Quartz's scheduler thread is interrupted only as it stops: it looks at its own state next
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        synchronized (lock) {
            shutDown = true;
            lock.notifyAll();
        }
        workers.shutdown();
        if (waitForJobsToComplete) {
            try {
                // a firing waits for its tasks to be committed: Quartz asked to wait for that, however long
                workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int getPoolSize() {
        return threadCount;
    }

    @Override
    public void setInstanceId(String instanceId) {
        // the workers are named after the scheduler, which is one per bridge
    }

    @Override
    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }
}
