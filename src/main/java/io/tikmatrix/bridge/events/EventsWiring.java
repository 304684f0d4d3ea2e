package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.RetrySchedule;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.tracking.StatusPoller;
import io.tikmatrix.bridge.tracking.TaskQueries;
import io.tikmatrix.bridge.tracking.TaskTracker;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Status tracking and events, put together: the task store and outbox, the beans the routes of
 * routes/status.camel.yaml and routes/events.camel.yaml call, and one delivery route per endpoint of
 * {@code bridge.events.endpoints}, made from the {@code event-delivery} template.
 */
public final class EventsWiring {

    static final String DELIVERY_TEMPLATE = "event-delivery";

    private final TaskTracker tracker;
    private final TaskStore taskStore;
    private final TaskQueries taskQueries;

    private EventsWiring(TaskTracker tracker, TaskStore taskStore, TaskQueries taskQueries) {
        this.tracker = tracker;
        this.taskStore = taskStore;
        this.taskQueries = taskQueries;
    }

    public static EventsWiring bind(Main main, BridgeConfig config, DataSource dataSource) {
        List<EventEndpoint> endpoints = endpoints(config);
        EventOutbox outbox = new EventOutbox(dataSource, endpoints.stream().map(EventEndpoint::name).toList());
        TaskStore taskStore = new TaskStore(dataSource, outbox);
        TaskTracker tracker = new TaskTracker(taskStore, new CloudEvents(), Instant::now);
        TaskQueries api = new TaskQueries(config.get("tikmatrix.base-url"),
                config.duration("tikmatrix.connect-timeout"), config.duration("tikmatrix.response-timeout"));
        RetrySchedule retry = RetrySchedule.of(config, "bridge.events.retry");

        main.bind("taskTracker", tracker);
        main.bind("statusPoller", new StatusPoller(api, tracker));
        main.bind("eventDelivery", new EventDelivery(outbox, endpoints, retry));
        main.bind("deadLetterEvents", new DeadLetterEvents(outbox));
        main.bind("outboxRetention", new OutboxRetention(outbox, config.duration("bridge.events.retention"), Instant::now));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                addDeliveryRoutes(support.getCamelContext(), endpoints);
            }
        });
        return new EventsWiring(tracker, taskStore, api);
    }

    /** The entries of {@code bridge.events.endpoints}; two that would share a name (and a dead-letter folder) stop the start. */
    static List<EventEndpoint> endpoints(BridgeConfig config) {
        WebhookSignature signature = new WebhookSignature(config.get("bridge.events.webhook.secret"));
        List<EventEndpoint> endpoints = Arrays.stream(config.get("bridge.events.endpoints").split(","))
                .map(String::trim)
                .filter(uri -> !uri.isEmpty())
                .map(uri -> EventEndpoint.of(uri, config.path("bridge.dead-letter.dir"), signature))
                .toList();
        long names = endpoints.stream().map(EventEndpoint::name).distinct().count();
        if (names != endpoints.size()) {
            throw new IllegalArgumentException("bridge.events.endpoints: two endpoints differ only in options: " + endpoints);
        }
        return endpoints;
    }

    private static void addDeliveryRoutes(CamelContext context, List<EventEndpoint> endpoints) {
        for (EventEndpoint endpoint : endpoints) {
            TemplatedRouteBuilder.builder(context, DELIVERY_TEMPLATE)
                    .routeId(endpoint.routeId())
                    .parameter("endpointName", endpoint.name())
                    .parameter("endpointUri", endpoint.deliveryUri())
                    .parameter("deadLetterUri", endpoint.deadLetterUri())
                    .add();
        }
    }

    public TaskTracker tracker() {
        return tracker;
    }

    public TaskStore taskStore() {
        return taskStore;
    }

    public TaskQueries taskQueries() {
        return taskQueries;
    }
}
