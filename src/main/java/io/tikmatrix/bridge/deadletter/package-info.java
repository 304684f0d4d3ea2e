/**
 * Dead-letter records of descriptors that cannot become tasks, where each goes ({@code bridge.dead-letter.<key>})
 * and their file names.
 *
 * <p>May import: api, config, descriptor, json, metrics, reconcile, store, submit, validation.
 */
package io.tikmatrix.bridge.deadletter;
