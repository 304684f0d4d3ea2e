/**
 * The TikMatrix Local API as the bridge reads it: the {@code {"code", "message", "data"}} envelope, what an answer
 * to {@code POST /task} means (task ids, a rejection, a fault worth a retry, the licence refused) and the
 * exceptions that route a descriptor accordingly. It knows nothing of submissions, files or the licence gate.
 *
 * <p>May import: json, validation.
 */
package io.tikmatrix.bridge.api;
