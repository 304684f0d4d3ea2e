/**
 * The tasks the bridge created: the status poll, the reads of TikMatrix's task list, and the tracker that turns
 * what a poll saw into stored transitions. What an event about a transition says is not its business: it hands
 * each transition to {@code TransitionEvents}, which the events room implements.
 *
 * <p>May import: api, descriptor, store.
 */
package io.tikmatrix.bridge.tracking;
