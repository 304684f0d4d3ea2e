/**
 * Redaction of every log event (a Log4j log event factory): known secret values never reach a log line.
 *
 * <p>May import: validation.
 */
package io.tikmatrix.bridge.logging;
