/**
 * The embedded TikMatrix Local API. It stands for TikMatrix, so it shares no code with the bridge (its own
 * validation, its own JSON): a bug of the bridge cannot be confirmed by the simulator that should catch it.
 *
 * <p>May import: no other room.
 */
package io.tikmatrix.bridge.simulator;
