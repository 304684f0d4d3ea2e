package io.tikmatrix.bridge.events;

import org.apache.camel.builder.RouteBuilder;

import java.util.List;

/**
 * One delivery route per endpoint of {@code bridge.events.endpoints}, made from the {@code event-delivery}
 * template of routes/events.camel.yaml. Bound in the registry, it is found by Camel Main, which adds
 * templated routes once every template is loaded.
 */
public final class EventDeliveryRoutes extends RouteBuilder {

    static final String DELIVERY_TEMPLATE = "event-delivery";

    private final List<EventEndpoint> endpoints;

    public EventDeliveryRoutes(List<EventEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void configure() {
        for (EventEndpoint endpoint : endpoints) {
            templatedRoute(DELIVERY_TEMPLATE)
                    .routeId(endpoint.routeId())
                    .parameter("endpointName", endpoint.name())
                    .parameter("endpointUri", endpoint.deliveryUri())
                    .parameter("deadLetterUri", endpoint.deadLetterUri());
        }
    }
}
