/**
 * The JDBC store (H2 by default, PostgreSQL for several bridges): the submission journal, the tracked tasks,
 * the event outbox. It holds rows, not decisions: what a row means is the business of the rooms that write it.
 *
 * <p>May import: no other room.
 */
package io.tikmatrix.bridge.store;
