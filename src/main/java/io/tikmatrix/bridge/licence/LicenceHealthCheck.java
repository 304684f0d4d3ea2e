package io.tikmatrix.bridge.licence;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Reports the bridge unhealthy while the licence gate holds intake, with the reason, so an operator's
 * monitoring sees "plan without API access" or "TikMatrix not running" without reading logs.
 */
public class LicenceHealthCheck extends AbstractHealthCheck {

    private final LicenceGate gate;

    public LicenceHealthCheck(LicenceGate gate) {
        super("tikmatrix", "licence");
        this.gate = gate;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("state", gate.state().name().toLowerCase());
        builder.detail("reason", gate.reason());
        if (gate.state() == LicenceGate.State.OPEN) {
            builder.up();
        } else {
            builder.message(gate.reason()).down();
        }
    }
}
