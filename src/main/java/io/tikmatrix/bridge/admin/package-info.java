/**
 * The admin port (README, "Operating it"): Camel's management server set up from {@code bridge.admin.*}, with the
 * guard every request passes (loopback or token, same-site origin, body size).
 *
 * <p>May import: config, descriptor, inbox, json, licence, metrics, schedule, store, validation.
 */
package io.tikmatrix.bridge.admin;
