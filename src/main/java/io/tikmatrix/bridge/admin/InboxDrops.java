package io.tikmatrix.bridge.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the admin API hands work to the bridge: as a file dropped into the inbox, written beside it and renamed in
 * whole, the way README asks of anyone who drops files. From there it is an inbox file like any other.
 */
final class InboxDrops {

    private final Path inbox;
    private final Path staging;

    /** @param staging a folder of the bridge's own beside the inbox, on the same file system */
    InboxDrops(Path inbox, Path staging) {
        this.inbox = inbox;
        this.staging = staging;
    }

    /** @throws ApiRefusal 409 when a file of that name still waits in the inbox */
    synchronized Path drop(String name, byte[] content) throws ApiRefusal, IOException {
        Path target = inbox.resolve(name);
        if (Files.exists(target)) {
            throw new ApiRefusal(409, name + " is already in the inbox, waiting to be read");
        }
        Files.createDirectories(staging);
        Path staged = staging.resolve(name);
        Files.write(staged, content);
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
        return target;
    }
}
