package io.tikmatrix.bridge.intake;

import org.apache.camel.builder.RouteBuilder;

import java.util.List;

/**
 * One consumer route per endpoint of {@code bridge.intake.endpoints}, made from the {@code intake} template of
 * routes/intake.camel.yaml. Bound in the registry, it is found by Camel Main, which adds templated routes once
 * every template is loaded.
 */
public final class IntakeRoutes extends RouteBuilder {

    static final String INTAKE_TEMPLATE = "intake";

    private final List<IntakeEndpoint> endpoints;

    public IntakeRoutes(List<IntakeEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void configure() {
        for (IntakeEndpoint endpoint : endpoints) {
            templatedRoute(INTAKE_TEMPLATE)
                    .routeId(endpoint.routeId())
                    .parameter("endpointName", endpoint.name())
                    .parameter("endpointUri", endpoint.consumeUri());
        }
    }
}
