/**
 * One descriptor's trip through the submit route: its {@code Submission}, the steps that claim, validate and
 * record it, one attempt of {@code POST /task} ({@code TikMatrixCall}) and the receipt line it ends with.
 *
 * <p>May import: api, config, descriptor, fleet, json, metrics, store, tracking, validation.
 */
package io.tikmatrix.bridge.submit;
