package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tikmatrix.bridge.config.OwnerOnly;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.submit.ReceiptLine;
import io.tikmatrix.bridge.submit.Submission;
import io.tikmatrix.bridge.validation.SecretValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Writes {@code receipts/<drop name>.receipt.json} (see {@link DropNames}) as the file's descriptors finish, one line at a time, so a
 * file of a million descriptors needs no more memory than one. The receipt appears under its final name
 * only when complete (written beside it, then moved), so a reader never sees half a receipt.
 * Descriptors finish out of order (calls run in parallel, some retry); lines wait here until those
 * before them are written, so the receipt reads in file order while only the out-of-order ones are held.
 * As it counts the outcomes it tells the console how far a long file got, every {@link #PROGRESS_EVERY}, in
 * one line instead of one per descriptor; the operator console asks for the same counts ({@link #progress()}), which
 * are exact while the lines written are still in the file's buffer.
 */
public class ReceiptWriter implements AutoCloseable {

    public static final String PROPERTY = "tikmatrixReceipt";

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptWriter.class);

    private enum Count { submitted, dead_lettered, duplicate }

    private final Path target;
    private final Path partial;
    private final JsonGenerator out;
    private final Clock clock;
    private final String dropName;
    private final String sha256;
    private final long entries;
    private final Instant started;
    private Instant nextProgress;
    private final Map<Count, Long> counts = new EnumMap<>(Count.class);
    private final NavigableMap<Integer, ReceiptLine> waiting = new TreeMap<>();
    private int nextIndex;
    /** Descriptors whose line is written and whose record is not committed yet (SubmitSteps#recordSubmitted), oldest first. */
    private final Deque<Submission> recording = new ArrayDeque<>();

    /**
     * @param target   where the finished receipt goes
     * @param fileName the name the file had in the inbox
     * @param dropName the name the console calls it by (see {@link DropNames})
     * @param entries  how many descriptors the file holds, as inspection counted them
     */
    public ReceiptWriter(Path target, String fileName, String dropName, long entries, String sha256, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.dropName = dropName;
        this.sha256 = sha256;
        this.entries = entries;
        this.started = clock.instant();
        this.nextProgress = started.plus(PROGRESS_EVERY);
        this.partial = partial(target);
        try {
            Files.createDirectories(target.getParent());
            out = Json.MAPPER.getFactory().createGenerator(Files.newOutputStream(partial), JsonEncoding.UTF8);
            OwnerOnly.file(partial);
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeStringField("file", fileName);
            out.writeStringField("sha256", sha256);
            out.writeStringField("received_at", clock.instant().toString());
            out.writeArrayFieldStart("descriptors");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write receipt " + partial, e);
        }
        for (Count c : Count.values()) {
            counts.put(c, 0L);
        }
    }

    /** Where the receipt {@code target} is written until it is complete. */
    static Path partial(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    static boolean isPartial(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".receipt.json.part");
    }

    /** @param index the descriptor's place in the file, counting from 0 without gaps */
    public synchronized void append(int index, ReceiptLine line) {
        counts.merge(Count.valueOf(line.outcome().replace('-', '_')), 1L, Long::sum);
        Instant now = clock.instant();
        if (!now.isBefore(nextProgress)) {
            nextProgress = now.plus(PROGRESS_EVERY);
            long done = counts.values().stream().mapToLong(Long::longValue).sum();
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            LOG.info("{} {}/{} {}, {}/s", dropName, number(counts.get(Count.submitted)), number(entries),
                    tally(false), number(Math.round(done / seconds)));
        }
        waiting.put(index, line);
        while (!waiting.isEmpty() && waiting.firstKey() == nextIndex) {
            write(waiting.pollFirstEntry().getValue());
            nextIndex++;
        }
    }

    /**
     * A descriptor whose line says submitted while its record may still wait for the store's next commit:
     * {@link #finish} waits for it. Records are committed in the order they were made, so those done are at the head,
     * and a file of a million descriptors keeps only the last few here.
     */
    public synchronized void recording(Submission submission) {
        while (!recording.isEmpty() && recording.peekFirst().isRecorded()) {
            recording.pollFirst();
        }
        if (!submission.isRecorded()) {
            recording.addLast(submission);
        }
    }

    private void write(ReceiptLine line) {
        try {
            Json.MAPPER.writeTree(out, SecretValues.redact(line.toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write receipt " + partial, e);
        }
    }

    /**
     * How far the file got: its descriptors and, by outcome, those that have one so far (in or out of file order).
     *
     * @param sha256 the file's, as its receipt names it
     */
    public record Progress(String sha256, long entries, long submitted, long deadLettered, long duplicate) {

        public long done() {
            return submitted + deadLettered + duplicate;
        }
    }

    /** The counts as they are now: a look under the lock {@link #append} takes for a line, no more. */
    public synchronized Progress progress() {
        return new Progress(sha256, entries, counts.get(Count.submitted), counts.get(Count.dead_lettered), counts.get(Count.duplicate));
    }

    /** "4,200 submitted, 3 dead-lettered, 1 duplicate", duplicates only when there are some; the count of submitted ones can lead. */
    private String tally(boolean withSubmitted) {
        StringBuilder text = new StringBuilder(withSubmitted ? number(counts.get(Count.submitted)) + " " : "").append("submitted, ")
                .append(number(counts.get(Count.dead_lettered))).append(" dead-lettered");
        if (counts.get(Count.duplicate) > 0) {
            text.append(", ").append(number(counts.get(Count.duplicate))).append(" duplicate");
        }
        return text.toString();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A receipt says only what is kept: it waits for the records of its descriptors to be committed. Each that failed
     * has its claim released (see Submission#awaitRecorded); the first failure fails the file, which stays in the inbox.
     */
    private void awaitRecords() {
        RuntimeException failed = null;
        for (Submission submission : recording) {
            try {
                submission.awaitRecorded();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                }
            }
        }
        recording.clear();
        if (failed != null) {
            LOG.error("{}; the file stays in the inbox, and its next reading settles that descriptor with TikMatrix", failed.getMessage());
            throw failed;
        }
    }

    /** Writes the summary, the counts per outcome, and moves the receipt into place. */
    public synchronized void finish() {
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("receipt " + target + " misses the line of descriptor " + nextIndex);
        }
        awaitRecords();
        try {
            out.writeEndArray();
            out.writeObjectFieldStart("summary");
            for (Map.Entry<Count, Long> e : counts.entrySet()) {
                out.writeNumberField(e.getKey().name(), e.getValue());
            }
            out.writeEndObject();
            out.writeStringField("finished_at", clock.instant().toString());
            out.writeEndObject();
            out.close();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish receipt " + target, e);
        }
        LOG.info("done {} in {}: {}", dropName, Duration.between(started, clock.instant()).truncatedTo(ChronoUnit.MILLIS)
                .toString().substring(2).toLowerCase(Locale.ROOT), tally(true));
    }

    /** Drops a receipt that will not be finished: the file stays in the inbox and is read again. */
    @Override
    public synchronized void close() {
        try {
            if (!out.isClosed()) {
                out.close();
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop receipt " + partial, e);
        }
    }
}
