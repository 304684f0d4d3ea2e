package io.tikmatrix.bridge.descriptor;

import java.io.Closeable;
import java.util.Iterator;

/**
 * Streams the descriptors of one inbox file, one at a time, so a file of any size needs the memory of
 * one descriptor. Camel's streaming splitter pulls from it and closes it when done.
 */
public interface DescriptorReader extends Iterator<Descriptor>, Closeable {
}
