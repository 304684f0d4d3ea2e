package io.tikmatrix.bridge.fleet;

/**
 * One TikMatrix PC.
 *
 * @param name    {@code <name>} of {@code tikmatrix.hosts.<name>.base-url}, or {@code default} for the one host of
 *                {@code tikmatrix.base-url}
 * @param baseUrl its API root, such as {@code http://127.0.0.1:50809/api/v1}, without a trailing '/'
 */
public record Host(String name, String baseUrl) {
}
