/**
 * The bridge's own meters (README, "Operating it"), on the Micrometer registry that camel-micrometer-prometheus
 * serves at /observe/metrics beside Camel's: the rooms that decide an outcome count it here, the root hands it
 * the functions its gauges read. A room of the lowest line: it knows meters, not descriptors.
 *
 * <p>May import: no other room.
 */
package io.tikmatrix.bridge.metrics;
