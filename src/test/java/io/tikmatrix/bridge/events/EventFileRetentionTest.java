package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.simulator.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A file endpoint's folder keeps bridge.events.file.retention of events, not all of them forever. */
class EventFileRetentionTest {

    private static final WebhookSignature UNSIGNED = new WebhookSignature(List.of(), Clock.systemUTC());

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void eventFilesOlderThanTheRetentionAreDeletedAndNothingElse() throws Exception {
        Path events = Files.createDirectories(dir.resolve("events"));
        Path old = file(events, "1001-2.json", NOW.minus(Duration.ofHours(169)));
        Path recent = file(events, "1002-0.json", NOW.minus(Duration.ofHours(167)));
        Path writing = file(events, ".writing-1003-0.json", NOW.minus(Duration.ofDays(30)));
        Path notAnEvent = file(events, "notes.txt", NOW.minus(Duration.ofDays(30)));
        Path otherFolder = file(Files.createDirectories(dir.resolve("other")), "1001-2.json", NOW.minus(Duration.ofDays(30)));
        List<EventEndpoint> endpoints = List.of(
                EventEndpoint.of("file:" + events + "?fileExist=Override", dir.resolve("deadletter"), UNSIGNED),
                EventEndpoint.of("http://127.0.0.1:1/hook", dir.resolve("deadletter"), UNSIGNED));

        new EventFileRetention(endpoints, Duration.ofHours(168), new ManualClock(NOW)).purge();

        assertThat(old).doesNotExist();
        assertThat(Stream.of(recent, writing, notAnEvent, otherFolder)).allMatch(Files::exists);
    }

    @Test
    void aFolderNotYetMadeIsNoProblem() throws Exception {
        List<EventEndpoint> endpoints = List.of(EventEndpoint.of("file:" + dir.resolve("later"), dir, UNSIGNED));

        new EventFileRetention(endpoints, Duration.ofHours(1), new ManualClock(NOW)).purge();

        assertThat(dir.resolve("later")).doesNotExist();
    }

    private static Path file(Path folder, String name, Instant modified) throws Exception {
        Path file = Files.writeString(folder.resolve(name), "{}");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
