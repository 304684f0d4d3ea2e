package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.submit.TakeAgainLaterException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox's filter for a fleet (README, "Fleet and cluster"): a file put back because its part for one PC waits
 * (the PC is off or unlicensed, or has not answered since the start) is not read again until that PC's licence
 * check passes. Read at every poll meanwhile, its other parts would only come back as duplicates, at the cost of a
 * read, a claim per line and a count in {@code descriptors_total} each time.
 */
public class FilesWaitingForHosts implements GenericFileFilter<Object> {

    private final LicenceGate gate;
    /** By file name (the inbox is one folder), the host each put-back file waits for. */
    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    public FilesWaitingForHosts(LicenceGate gate) {
        this.gate = gate;
    }

    /** Run when a file is put back: it waits for the host its exception names, if any. */
    public void putBack(Exchange exchange) {
        Exception why = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (file != null && why instanceof TakeAgainLaterException later && later.host() != null) {
            waiting.put(file, later.host());
        }
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        String host = waiting.get(file.getFileNameOnly());
        if (host == null || file.isDirectory()) {
            return true;
        }
        if (gate.isOpen(host)) {
            waiting.remove(file.getFileNameOnly(), host);
            return true;
        }
        return false;
    }
}
