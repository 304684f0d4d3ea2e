/**
 * Whether a descriptor may be sent: the script schemas and the validator, the CSV field types read from them,
 * secret masking by field and by value, and what every other room says when it turns a descriptor down: its
 * {@code Rejection} and the {@code DeadLetterKey} it goes to. Those two live here because this is the lowest
 * room that rejects a descriptor (40001, 40002, 40003, as the API would).
 *
 * <p>May import: json.
 */
package io.tikmatrix.bridge.validation;
