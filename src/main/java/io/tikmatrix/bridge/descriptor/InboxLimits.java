package io.tikmatrix.bridge.descriptor;

/**
 * How big one descriptor of an inbox file may be. A descriptor over a limit is dead-lettered under 40001
 * with the limit named, and the file's other descriptors go on; one huge descriptor never has to fit in memory.
 *
 * @param maxDescriptorBytes {@code bridge.inbox.max-descriptor-size}: bytes of one JSON object, JSON line or CSV row
 * @param maxFieldLength     {@code bridge.inbox.max-field-length}: characters of one text field
 */
public record InboxLimits(long maxDescriptorBytes, int maxFieldLength) {

    /** The defaults of README's configuration table. */
    public static final InboxLimits DEFAULTS = new InboxLimits(1024 * 1024, 65536);
}
