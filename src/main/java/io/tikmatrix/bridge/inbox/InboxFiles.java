package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.DescriptorReaders;
import io.tikmatrix.bridge.descriptor.FileInspector;
import io.tikmatrix.bridge.descriptor.InboxLimits;
import io.tikmatrix.bridge.descriptor.Inspection;
import io.tikmatrix.bridge.descriptor.UnreadableFileException;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.submit.ClaimsAhead;
import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.SecretValues;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;

/**
 * The steps of the inbox route: take a file into a private copy, inspect the copy whole, stream its
 * descriptors, keep its receipt, archive the copy.
 */
public class InboxFiles {

    private static final String TAKEN = "tikmatrixTakenFile";
    private static final String INSPECTION = "tikmatrixInspection";
    /** What the positional keys of a message's descriptors start with (see {@link #takeMessage}). */
    private static final String KEY_ORIGIN = "tikmatrixKeyOrigin";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    /** A file taken from the inbox: its private copy, and the name its receipt and archive copy have. */
    private record Taken(Path copy, String dropName, LocalDate day) {
    }

    private final FileInspector inspector;
    private final ConfigFieldTypes fieldTypes;
    private final InboxLimits limits;
    private final StagingArea staging;
    private final DropNames names;
    private final ClaimsAhead claimsAhead;
    private final Clock clock;

    /**
     * @param stagingDir  where private copies of the files being read are kept, e.g. {@code {{bridge.data-dir}}/staging/inbox}
     * @param claimsAhead claims each descriptor as it is read, so that the claims of many share a commit
     */
    public InboxFiles(FileInspector inspector, ConfigFieldTypes fieldTypes, InboxLimits limits,
                      Path stagingDir, Path receiptsDir, Path archiveDir, ClaimsAhead claimsAhead, Clock clock) {
        this.inspector = inspector;
        this.claimsAhead = claimsAhead;
        this.fieldTypes = fieldTypes;
        this.limits = limits;
        this.staging = new StagingArea(stagingDir);
        this.names = new DropNames(receiptsDir, archiveDir);
        this.clock = clock;
    }

    /** At start, before the inbox is read: what a bridge that stopped or died mid-file left half done. */
    public void clearLeftovers() throws IOException {
        staging.clear();
        names.clearUnfinishedReceipts();
    }

    /**
     * Copies the stable inbox file aside; everything after reads the copy. The copy and an unfinished
     * receipt are removed however the file's exchange ends; when it fails, the original stays in the
     * inbox and is taken again.
     */
    public void take(Exchange exchange) throws UnreadableFileException, IOException {
        Path entry = path(exchange);
        // the archive's day folders are the operator's local days, whatever the clock's zone
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
        Taken taken = new Taken(staging.take(entry), names.forDrop(entry.getFileName().toString(), day), day);
        keep(exchange, taken);
    }

    /**
     * Takes the bytes of a message from a bus as if they were a file dropped into the inbox under {@code name}
     * (whose extension says how to read them): the same inspection, receipt, archive and setting aside follow.
     *
     * @param keyOrigin what positional keys start with instead of the file name and hash, e.g.
     *                  {@code <endpoint>@<message id>}: a message delivered again has the same keys
     */
    public void takeMessage(Exchange exchange, String name, byte[] bytes, String keyOrigin) throws IOException {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
        Taken taken = new Taken(staging.put(name, bytes), names.forDrop(name, day), day);
        exchange.setProperty(KEY_ORIGIN, keyOrigin);
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, name);
        keep(exchange, taken);
    }

    /**
     * Reads the whole copy once before any descriptor is sent, so a file that breaks half-way (truncated
     * JSON, a bad byte) is set aside whole instead of being half submitted.
     */
    public void inspect(Exchange exchange) throws UnreadableFileException, IOException {
        Taken taken = exchange.getProperty(TAKEN, Taken.class);
        Inspection inspection = inspector.inspect(taken.copy());
        exchange.setProperty(INSPECTION, inspection);
        exchange.setProperty(ReceiptWriter.PROPERTY, new ReceiptWriter(names.receipt(taken.dropName()),
                taken.copy().getFileName().toString(), taken.dropName(), inspection.entries(), inspection.sha256(), clock));
        LOG.debug("reading {} ({} {}, {} bytes, {} entries)", taken.dropName(), inspection.kind(), inspection.sha256().substring(0, 12),
                inspection.size(), inspection.entries());
    }

    public Iterator<?> descriptors(Exchange exchange) throws IOException {
        Taken taken = exchange.getProperty(TAKEN, Taken.class);
        Inspection inspection = exchange.getProperty(INSPECTION, Inspection.class);
        String keyOrigin = exchange.getProperty(KEY_ORIGIN, String.class);
        return claimsAhead.claiming(keyOrigin == null
                ? DescriptorReaders.open(taken.copy(), inspection, fieldTypes, limits)
                : DescriptorReaders.open(taken.copy(), inspection, fieldTypes, limits, keyOrigin), exchange);
    }

    public void finishReceipt(Exchange exchange) {
        exchange.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class).finish();
    }

    /**
     * Moves the copy, the bytes that were read, to {@code archive/<day>/<drop name>}; the consumer then
     * deletes the original. Nothing is there for an entry that was never taken.
     */
    public void archive(Exchange exchange) throws IOException {
        Taken taken = exchange.getProperty(TAKEN, Taken.class);
        if (taken != null) {
            Path target = names.archive(taken.dropName(), taken.day());
            Files.move(taken.copy(), Files.createDirectories(target.getParent()).resolve(target.getFileName()));
            StagingArea.discard(taken.copy());
        }
    }

    /**
     * For a file that cannot be read: drops a half receipt, and makes the body what the dead letter keeps.
     * That is the copy that was read; or, for a file that changed while being taken, the original as it is now.
     */
    public void setAside(Exchange exchange) {
        dropReceipt(exchange);
        Taken taken = exchange.getProperty(TAKEN, Taken.class);
        if (taken != null) {
            exchange.getMessage().setBody(taken.copy().toFile());
            exchange.getMessage().setHeader(Exchange.FILE_NAME, taken.dropName());
        }
    }

    /** A link, FIFO or device has no bytes of its own to keep, and its target must never be read. */
    public boolean hasBytesToKeep(Exchange exchange) {
        return exchange.getProperty(TAKEN) != null || Files.isRegularFile(path(exchange), LinkOption.NOFOLLOW_LINKS);
    }

    /** The {@code <name>.error.json} written beside an unreadable file, named as its dead-letter copy is. */
    public void unreadableReport(Exchange exchange) throws JsonProcessingException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("file", exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class));
        report.put("code", DeadLetterKey.UNREADABLE.key());
        report.put("reason", cause == null ? "unknown" : SecretValues.redact(cause.getMessage()));
        report.put("dead_lettered_at", clock.instant().toString());
        LOG.warn("unreadable file {}: {}", name, report.get("reason").asText());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name + ".error.json");
        exchange.getMessage().setBody(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    /** The copy and an unfinished receipt are removed however the exchange ends. */
    private static void keep(Exchange exchange, Taken taken) {
        exchange.setProperty(TAKEN, taken);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                dropReceipt(done);
                StagingArea.discard(taken.copy());
            }
        });
    }

    /** A file that fails after its receipt was begun leaves no half receipt behind. */
    private static void dropReceipt(Exchange exchange) {
        ReceiptWriter receipt = exchange.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
        if (receipt != null) {
            receipt.close();
        }
    }

    private static Path path(Exchange exchange) {
        return Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
    }
}
