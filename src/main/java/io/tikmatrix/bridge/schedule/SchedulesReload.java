package io.tikmatrix.bridge.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Applies an edited schedules file while the bridge runs; an invalid edit is refused as a whole. */
public class SchedulesReload {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulesReload.class);

    private final Path file;
    private final SchedulesLoader loader;
    private final ScheduleRoutes routes;
    private byte[] applied;

    SchedulesReload(Path file, SchedulesLoader loader, ScheduleRoutes routes, byte[] applied) {
        this.file = file;
        this.loader = loader;
        this.routes = routes;
        this.applied = applied;
    }

    /**
     * Compares contents, not modification times: an editor saving twice within the file system's
     * timestamp resolution would otherwise go unseen.
     */
    public synchronized void reloadIfChanged() throws Exception {
        byte[] content = contentOf(file);
        if (Arrays.equals(content, applied)) {
            return;
        }
        applied = content;
        try {
            SchedulesFile schedules = loader.load(file);
            routes.apply(schedules.enabled());
            LOG.info("{} changed: {} schedule(s) now run", file, routes.size());
        } catch (InvalidSchedulesException e) {
            LOG.warn("{} changed but is invalid; the {} running schedule(s) stay as they were: {}",
                    file, routes.size(), String.join("; ", e.problems()));
        }
    }

    /** Null for a missing file, which means no schedules. */
    static byte[] contentOf(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
