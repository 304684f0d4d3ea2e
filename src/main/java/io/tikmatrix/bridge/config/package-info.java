/**
 * The bridge's configuration: its layers and checks, durations, retry schedules, owner-only folders. The lowest
 * room: every other may read the configuration, so it reads none of them.
 *
 * <p>May import: no other room.
 */
package io.tikmatrix.bridge.config;
