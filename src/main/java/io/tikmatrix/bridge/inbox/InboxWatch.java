package io.tikmatrix.bridge.inbox;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * When the inbox is looked at: camel-file's scheduler ({@code scheduler: "#inboxWatch"} in routes/inbox.camel.yaml).
 * While the inbox holds a file to take, every {@code bridge.inbox.poll-interval}, as camel-file's own scheduler does,
 * so a file that stays (held by the licence gate, waiting for its PC, to be taken again after a failure, still
 * being written) is looked at again as before. While it holds none, as soon as the folder changes (the operating
 * system tells, as it tells a file explorer) and at the latest every {@code bridge.inbox.empty-poll-interval}, for a
 * network folder whose changes are not told. An empty inbox then costs no wake-up a second on the PC that runs
 * TikMatrix (docs/BENCHMARKS.md, session 11). Where the system tells nothing (Java on macOS), it is looked at every
 * poll interval, as before.
 * <p>
 * The first look is at once: the licence gate starts the inbox only once TikMatrix answered.
 */
public final class InboxWatch extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWatch.class);

    private final Duration pollInterval;
    private final Duration emptyPollInterval;
    private CamelContext camelContext;
    private GenericFileEndpoint<?> inbox;
    private Runnable poll;
    private ExecutorService looker;
    private boolean toldCannotWatch;
    private boolean toldByTheSystem = true;

    /**
     * @param pollInterval      {@code bridge.inbox.poll-interval}: how often an inbox that holds a file is looked at
     * @param emptyPollInterval {@code bridge.inbox.empty-poll-interval}: how often an empty one is, when no change is told
     */
    public InboxWatch(Duration pollInterval, Duration emptyPollInterval) {
        this.pollInterval = pollInterval;
        this.emptyPollInterval = emptyPollInterval;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration emptyPollInterval() {
        return emptyPollInterval;
    }

    @Override
    public void onInit(Consumer consumer) {
        inbox = (GenericFileEndpoint<?>) consumer.getEndpoint();
    }

    @Override
    public void scheduleTask(Runnable task) {
        poll = task;
    }

    @Override
    public synchronized void startScheduler() {
        if (looker == null) {
            looker = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "inbox-watch");
            looker.execute(this::lookUntilStopped);
        }
    }

    @Override
    public synchronized boolean isSchedulerStarted() {
        return looker != null;
    }

    @Override
    public void unscheduleTask() {
        stopLooking();
    }

    @Override
    protected void doStop() {
        stopLooking();
    }

    private synchronized void stopLooking() {
        if (looker != null) {
            camelContext.getExecutorServiceManager().shutdownNow(looker);
            looker = null;
        }
    }

    private void lookUntilStopped() {
        Path folder = Path.of(inbox.getConfiguration().getDirectory());
        WatchService changes = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (changes == null) {
                    changes = watch(folder);
                }
                poll.run();
                if (changes == null || holdsAFile(folder)) {
                    Thread.sleep(pollInterval.toMillis());
                    if (changes != null) {
                        changes = forget(changes, changes.poll(), folder);
                    }
                } else {
                    changes = forget(changes, changes.poll(emptyPollInterval.toMillis(), TimeUnit.MILLISECONDS), folder);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(changes);
        }
    }

    /** @return a watch of the folder's new and changed entries, or null if it cannot be watched (then it is looked at every poll interval) */
    private WatchService watch(Path folder) {
        // a folder deleted meanwhile is watched again once someone makes it again (camel-file does not)
        if (!toldByTheSystem || !Files.isDirectory(folder)) {
            return null;
        }
        WatchService changes = null;
        try {
            changes = folder.getFileSystem().newWatchService();
            if (changes.getClass().getSimpleName().startsWith("Polling")) {
                // the JDK's watch where the system tells nothing (macOS): it looks at the folder every 10 s, later
                // than the poll interval would
                toldByTheSystem = false;
                close(changes);
                return null;
            }
            folder.register(changes, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            toldCannotWatch = false;
            return changes;
        } catch (IOException | UnsupportedOperationException e) {
            close(changes);
            if (!toldCannotWatch) {
                toldCannotWatch = true;
                LOG.warn("cannot watch the inbox {} for new files ({}): it is looked at every {} instead", folder, e.toString(), pollInterval);
            }
            return null;
        }
    }

    /**
     * Drops the changes told so far, which the next look covers.
     *
     * @return the watch, or null once it ended (the folder was deleted or moved), to be made again
     */
    private static WatchService forget(WatchService changes, WatchKey told, Path folder) {
        WatchKey key = told;
        boolean valid = true;
        while (key != null) {
            key.pollEvents();
            valid = key.reset() && valid;
            key = changes.poll();
        }
        if (!valid) {
            LOG.debug("the inbox {} is no longer watched: watching it again", folder);
            close(changes);
            return null;
        }
        return changes;
    }

    /** Whether the folder holds a file the inbox takes: by the route's include and exclude, and not hidden, as camel-file reads it. */
    private boolean holdsAFile(Path folder) {
        Pattern include = inbox.getIncludePattern();
        Pattern exclude = inbox.getExcludePattern();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && (include == null || include.matcher(name).matches())
                        && (exclude == null || !exclude.matcher(name).matches())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | DirectoryIteratorException e) {
            return true; // cannot tell: looked at as camel-file would
        }
    }

    private static void close(WatchService changes) {
        if (changes != null) {
            try {
                changes.close();
            } catch (IOException e) {
                LOG.debug("closing the inbox watch failed", e);
            }
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
