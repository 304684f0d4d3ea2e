/**
 * Settling a call whose answer was lost: TikMatrix's task list is searched before anything is posted again, and
 * the descriptor's tasks are adopted, posted again or dead-lettered as {@code ambiguous}. It sits above submit
 * because its steps work on the {@code Submission} of the call route.
 *
 * <p>May import: api, descriptor, store, submit, tracking, validation.
 */
package io.tikmatrix.bridge.reconcile;
