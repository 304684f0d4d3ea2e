package io.tikmatrix.bridge.descriptor;

/**
 * What {@link FileInspector} learned about a readable inbox file.
 *
 * @param sha256 lower-case hex SHA-256 of the file's raw bytes; part of every positional key
 * @param size   the file's length in bytes
 */
public record Inspection(InboxFileKind kind, String sha256, long size) {
}
