/**
 * The bridge's one Jackson configuration ({@code Json.MAPPER}), for any room that reads or writes JSON.
 *
 * <p>May import: no other room.
 */
package io.tikmatrix.bridge.json;
