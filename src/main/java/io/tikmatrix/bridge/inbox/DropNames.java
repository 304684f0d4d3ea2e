package io.tikmatrix.bridge.inbox;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * Gives every file taken from the inbox a name no earlier drop has, so its receipt and its archive copy
 * never overwrite those of an earlier file of the same name (a daily {@code tasks.csv}): the first keeps
 * its name, later ones count on before the extension, {@code tasks.2.csv}, {@code tasks.3.csv}, …, so the
 * archive copy can be dropped into the inbox again as it is. See README "What the bridge writes".
 */
final class DropNames {

    private final Path receiptsDir;
    private final Path archiveDir;

    DropNames(Path receiptsDir, Path archiveDir) {
        this.receiptsDir = receiptsDir;
        this.archiveDir = archiveDir;
    }

    /**
     * The first name free both as a receipt (finished or being written) and in the archive of {@code day}.
     * Files are taken one at a time, so the name stays free until this file's receipt or archive copy uses it.
     */
    String forDrop(String fileName, LocalDate day) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        String name = fileName;
        for (int n = 2; taken(name, day); n++) {
            name = stem + "." + n + extension;
        }
        return name;
    }

    /**
     * Removes the receipts a bridge that stopped or died was still writing: their files are still in the inbox,
     * and a leftover would push the next take of the same file to another name.
     */
    void clearUnfinishedReceipts() throws IOException {
        if (Files.isDirectory(receiptsDir)) {
            try (Stream<Path> receipts = Files.list(receiptsDir)) {
                for (Path unfinished : receipts.filter(ReceiptWriter::isPartial).toList()) {
                    Files.deleteIfExists(unfinished);
                }
            }
        }
    }

    Path receipt(String dropName) {
        return receiptsDir.resolve(dropName + ".receipt.json");
    }

    Path archive(String dropName, LocalDate day) {
        return archiveDir.resolve(day.toString()).resolve(dropName);
    }

    private boolean taken(String name, LocalDate day) {
        return Files.exists(receipt(name)) || Files.exists(ReceiptWriter.partial(receipt(name)))
                || Files.exists(archive(name, day));
    }
}
