/**
 * Schedules: the schedules file and its reload, fire times and misfires, the descriptor each firing submits,
 * and Quartz's job store in the bridge's database.
 *
 * <p>May import: config, descriptor, store, validation.
 */
package io.tikmatrix.bridge.schedule;
