package io.tikmatrix.bridge.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps what the bridge writes readable by its own user only: descriptors, receipts and dead letters may
 * hold ChatGPT keys (README.md, "Secrets"). POSIX only; on a file system without POSIX permissions
 * (Windows) nothing is changed, the folder's own access list applies.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** rwx------: nothing inside, whatever its own permissions, can be reached by another user. */
    public static void folder(Path folder) {
        set(folder, FOLDER);
    }

    /** rw-------, for a file the bridge writes itself. */
    public static void file(Path file) {
        set(file, FILE);
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException noPosix) {
            // Windows: no POSIX permissions to set
        } catch (IOException e) {
            // a folder another user owns and lent to the bridge: it works, only less private, which its owner chose
            LOG.warn("cannot make {} readable by its owner only: {}", path, e.toString());
        }
    }
}
