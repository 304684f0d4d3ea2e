package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.descriptor.Descriptor;

/**
 * One host's part of a descriptor in a fleet (README, "Fleet and cluster"): the devices and accounts that host has,
 * under a key of its own ({@code <key>@<host>}), so each part is claimed, sent, settled and recorded on its own.
 */
public record Share(String host, Descriptor descriptor) {
}
