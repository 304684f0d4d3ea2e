/**
 * The licence gate, which holds intake while TikMatrix refuses the API or cannot be reached, and its health check.
 *
 * <p>May import: api, descriptor, submit, validation.
 */
package io.tikmatrix.bridge.licence;
