package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.descriptor.FileInspector;
import io.tikmatrix.bridge.descriptor.UnreadableFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Takes a stable inbox file into a private copy, {@code <staging>/<unique>/<name>}, and reads only that
 * copy from then on: a producer that truncates or rewrites the original afterwards cannot cut a file in
 * half. Only regular files are taken, and links are never followed: a symbolic link named
 * {@code passwd.csv} would otherwise hand out another file's bytes, and opening a FIFO would block the
 * inbox for good.
 */
final class StagingArea {

    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);

    private final Path root;

    StagingArea(Path root) {
        this.root = root;
    }

    /**
     * @return the private copy, holding exactly the bytes the original held from before the copy until after it
     * @throws UnreadableFileException the entry is no regular file, or it changed while it was copied
     */
    Path take(Path entry) throws UnreadableFileException, IOException {
        String name = entry.getFileName().toString();
        BasicFileAttributes before = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
            throw new UnreadableFileException(name + " is " + kind(before) + "; only regular files are read");
        }
        Path copy = Files.createDirectories(root.resolve(UUID.randomUUID().toString())).resolve(name);
        byte[] copied;
        try (InputStream in = Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(copy)) {
            copied = copyHashing(in, out);
        } catch (IOException e) {
            discard(copy);
            throw e;
        }
        BasicFileAttributes after = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!same(before, after) || Files.size(copy) != before.size() || !Arrays.equals(copied, hash(entry))) {
            discard(copy);
            throw new UnreadableFileException(name + " changed while being read; write it elsewhere and move it into the inbox whole");
        }
        return copy;
    }

    /** A private copy of bytes that never were a file (a bus message), under {@code name}. */
    Path put(String name, byte[] bytes) throws IOException {
        return Files.write(Files.createDirectories(root.resolve(UUID.randomUUID().toString())).resolve(name), bytes);
    }

    /** Removes the copies a bridge that stopped or died left behind: their files are still in the inbox. */
    void clear() throws IOException {
        if (Files.isDirectory(root)) {
            try (Stream<Path> leftovers = Files.list(root)) {
                for (Path folder : leftovers.toList()) {
                    try (Stream<Path> copies = Files.list(folder)) {
                        for (Path copy : copies.toList()) {
                            discard(copy);
                        }
                    }
                    Files.deleteIfExists(folder);
                }
            }
        }
    }

    /** Removes a private copy and its unique folder, if still there. */
    static void discard(Path copy) {
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
        } catch (IOException e) {
            // a copy left behind costs disk space, never a wrong submission: it is never read again
            LOG.warn("cannot remove staged copy {}: {}", copy, e.toString());
        }
    }

    private static boolean same(BasicFileAttributes before, BasicFileAttributes after) {
        return before.size() == after.size()
                && before.lastModifiedTime().equals(after.lastModifiedTime())
                && Objects.equals(before.fileKey(), after.fileKey());
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        return "a special file (FIFO, device or socket)";
    }

    /** The original is hashed again after the copy: a rewrite within one mtime tick keeps size and mtime. */
    private static byte[] hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return copyHashing(in, OutputStream.nullOutputStream());
        }
    }

    private static byte[] copyHashing(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256 = FileInspector.sha256();
        new DigestInputStream(in, sha256).transferTo(out);
        return sha256.digest();
    }

}
