/**
 * Inbox files and the descriptors in them: inspection (strict UTF-8, structure, SHA-256, limits), the streaming
 * readers for JSON, JSON Lines, CSV and dead-letter records, idempotency keys and sources.
 *
 * <p>May import: json, validation.
 */
package io.tikmatrix.bridge.descriptor;
