package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.api.LicenceDeniedException;
import io.tikmatrix.bridge.submit.Submission;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Run by the tikmatrix-errors route configuration the moment a descriptor is held for the licence: a 40301
 * answer to a call holds intake at once, without waiting for the next licence check.
 */
public class LicenceRefusal implements Processor {

    private final LicenceGate gate;

    public LicenceRefusal(LicenceGate gate) {
        this.gate = gate;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof LicenceDeniedException denied) {
            gate.holdForLicence(Submission.of(exchange).host(), denied.rejection().reason());
        }
    }
}
