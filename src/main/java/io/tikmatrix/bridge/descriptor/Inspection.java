package io.tikmatrix.bridge.descriptor;

import java.nio.charset.Charset;

/**
 * What {@link FileInspector} learned about a readable inbox file.
 *
 * @param sha256 lower-case hex SHA-256 of the file's raw bytes; part of every positional key
 * @param size    the file's length in bytes
 * @param charset what its text is read as: UTF-8, or {@code bridge.inbox.csv-charset} for a CSV file
 * @param entries how many descriptors the file holds (array items, non-blank lines or rows), for progress
 */
public record Inspection(InboxFileKind kind, String sha256, long size, Charset charset, long entries) {
}
