package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.DescriptorReader;
import io.tikmatrix.bridge.descriptor.DescriptorReaders;
import io.tikmatrix.bridge.descriptor.FileInspector;
import io.tikmatrix.bridge.descriptor.Inspection;
import io.tikmatrix.bridge.descriptor.UnreadableFileException;
import io.tikmatrix.bridge.validation.ConfigFieldTypes;
import io.tikmatrix.bridge.validation.SecretValues;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The steps of the inbox route: inspect a file whole, stream its descriptors, keep its receipt. */
public class InboxFiles {

    private static final String INSPECTION = "tikmatrixInspection";
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileInspector inspector;
    private final ConfigFieldTypes fieldTypes;
    private final Path receiptsDir;

    public InboxFiles(FileInspector inspector, ConfigFieldTypes fieldTypes, Path receiptsDir) {
        this.inspector = inspector;
        this.fieldTypes = fieldTypes;
        this.receiptsDir = receiptsDir;
    }

    /**
     * Reads the whole file once before any descriptor is sent, so a file that breaks half-way (truncated
     * JSON, a bad byte) is set aside whole instead of being half submitted.
     */
    public void inspect(Exchange exchange) throws UnreadableFileException, IOException {
        Path file = path(exchange);
        Inspection inspection = inspector.inspect(file);
        exchange.setProperty(INSPECTION, inspection);
        exchange.setProperty(ReceiptWriter.PROPERTY, new ReceiptWriter(receiptsDir, file.getFileName().toString(), inspection.sha256()));
        LOG.info("reading {} ({} {}, {} bytes)", file.getFileName(), inspection.kind(), inspection.sha256().substring(0, 12), inspection.size());
    }

    public DescriptorReader descriptors(Exchange exchange) throws IOException {
        Inspection inspection = exchange.getProperty(INSPECTION, Inspection.class);
        return DescriptorReaders.open(path(exchange), inspection, fieldTypes);
    }

    public void finishReceipt(Exchange exchange) {
        ReceiptWriter receipt = exchange.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
        Map<String, Long> summary = receipt.finish();
        LOG.info("done {}: {}", exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY), summary);
    }

    /** A file that fails after its receipt was begun leaves no half receipt behind. */
    public void dropReceipt(Exchange exchange) {
        ReceiptWriter receipt = exchange.getProperty(ReceiptWriter.PROPERTY, ReceiptWriter.class);
        if (receipt != null) {
            receipt.close();
        }
    }

    /** The {@code <name>.error.json} written beside an unreadable file. */
    public void unreadableReport(Exchange exchange) throws JsonProcessingException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        ObjectNode report = JSON.createObjectNode();
        report.put("file", name);
        report.put("code", "unreadable");
        report.put("reason", cause == null ? "unknown" : SecretValues.redact(cause.getMessage()));
        report.put("dead_lettered_at", Instant.now().toString());
        LOG.warn("unreadable file {}: {}", name, report.get("reason").asText());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name + ".error.json");
        exchange.getMessage().setBody(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    private static Path path(Exchange exchange) {
        return Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
    }
}
