/**
 * Descriptors from buses: one consumer route per entry of {@code bridge.intake.endpoints} (a Kafka topic, a JMS or
 * AMQP queue, …), each message taken like an inbox file, and acknowledged only once every descriptor in it has an
 * outcome.
 *
 * <p>May import: config, descriptor, events, inbox.
 */
package io.tikmatrix.bridge.intake;
