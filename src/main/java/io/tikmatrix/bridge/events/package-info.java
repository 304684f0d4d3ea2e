/**
 * Status events: the CloudEvents documents (it implements tracking's {@code TransitionEvents}, and announces
 * dead letters), the endpoint kinds, delivery from the outbox with its retries, and retention.
 *
 * <p>May import: config, deadletter, json, store, submit, tracking.
 */
package io.tikmatrix.bridge.events;
