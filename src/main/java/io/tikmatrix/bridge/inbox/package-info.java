/**
 * The inbox: taking a file (its private staging copy), drop names, receipts, archiving, and setting aside files
 * that cannot be read.
 *
 * <p>May import: config, descriptor, json, submit, validation.
 */
package io.tikmatrix.bridge.inbox;
