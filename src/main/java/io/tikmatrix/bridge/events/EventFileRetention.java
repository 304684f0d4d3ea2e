package io.tikmatrix.bridge.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps each {@code file:} event endpoint's folder the size of recent traffic: an event file older than
 * {@code bridge.events.file.retention} is deleted. Without it the folder grows by a few files per task, forever.
 * Only the endpoint's own {@code <event id>.json} files are touched, never a file being written or anything else.
 */
public class EventFileRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EventFileRetention.class);

    private final List<Path> folders;
    private final Duration retention;
    private final Clock clock;

    public EventFileRetention(List<EventEndpoint> endpoints, Duration retention, Clock clock) {
        this.folders = endpoints.stream().filter(e -> e.kind() instanceof FileEndpoint).map(EventFileRetention::folderOf).toList();
        this.retention = retention;
        this.clock = clock;
    }

    /** {@code file:/data/events?tempPrefix=x} is the folder {@code /data/events}. */
    static Path folderOf(EventEndpoint endpoint) {
        String uri = endpoint.uri();
        String path = uri.substring(uri.indexOf(':') + 1);
        return Path.of(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
    }

    public void purge() throws IOException {
        Instant before = clock.instant().minus(retention);
        for (Path folder : folders) {
            int deleted = purge(folder, before);
            if (deleted > 0) {
                LOG.info("deleted {} event file(s) older than {} from {}", deleted, retention, folder);
            }
        }
    }

    private static int purge(Path folder, Instant before) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, EventFileRetention::isEventFile)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
                            && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (NoSuchFileException gone) {
                    // a consumer of the folder took it meanwhile
                }
            }
        }
        return deleted;
    }

    /** The endpoint writes {@code <event id>.json}, under a {@code .writing-} name until it is whole. */
    private static boolean isEventFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }
}
