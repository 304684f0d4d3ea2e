package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.api.ApiEnvelope;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.Suspendable;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Holds all intake while TikMatrix refuses the API (code 40301, {@code api_enabled=false}) or cannot be
 * reached at all, and lets it flow again once {@code /license/check} passes. Held files stay in the inbox
 * untouched: a plan problem or a closed desktop app is not the descriptors' fault, so nothing is
 * dead-lettered for it.
 */
public class LicenceGate implements CamelContextAware {

    public enum State { STARTING, OPEN, HELD_LICENCE, HELD_UNREACHABLE }

    private static final Logger LOG = LoggerFactory.getLogger(LicenceGate.class);
    private static final long WAIT_SLICE_MS = 200;

    private final List<String> intakeRoutes;
    private CamelContext camelContext;
    private volatile State state = State.STARTING;
    private volatile String reason = "no licence check yet";

    public LicenceGate(List<String> intakeRoutes) {
        this.intakeRoutes = List.copyOf(intakeRoutes);
    }

    public void onAnswer(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Optional<ApiEnvelope> envelope = ApiEnvelope.parse(exchange.getMessage().getBody(String.class));
        if (envelope.isEmpty()) {
            change(State.HELD_UNREACHABLE, "licence check answered HTTP " + status + " without an API envelope");
        } else if (envelope.get().code() == ApiEnvelope.LICENCE_DENIED) {
            change(State.HELD_LICENCE, "plan without API access (40301): " + envelope.get().message());
        } else if (!envelope.get().ok()) {
            change(State.HELD_UNREACHABLE, "licence check answered code " + envelope.get().code() + ": " + envelope.get().message());
        } else if (!envelope.get().data().path("api_enabled").asBoolean(true)) {
            change(State.HELD_LICENCE, "plan " + envelope.get().data().path("plan_name").asText("?") + " has api_enabled=false");
        } else {
            change(State.OPEN, "licence check passed (plan " + envelope.get().data().path("plan_name").asText("?") + ")");
        }
    }

    public void onUnreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        change(State.HELD_UNREACHABLE, "TikMatrix cannot be reached: " + (e == null ? "?" : e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    /** A call was answered 40301: hold at once, without waiting for the next scheduled check. */
    public void holdForLicence(String why) {
        change(State.HELD_LICENCE, "plan without API access (40301): " + why);
    }

    /** Before a descriptor's first call: wait while intake is held for any reason. */
    public void awaitOpen() throws InterruptedException {
        awaitWhile(List.of(State.STARTING, State.HELD_LICENCE, State.HELD_UNREACHABLE));
    }

    /**
     * Before every attempt: wait only while the licence is refused. A descriptor already in flight keeps
     * its retry budget against an unreachable API, so it is not held for that.
     */
    public void awaitLicence() throws InterruptedException {
        awaitWhile(List.of(State.HELD_LICENCE));
    }

    private void awaitWhile(List<State> holding) throws InterruptedException {
        while (holding.contains(state) && camelContext.getStatus().isStarted()) {
            synchronized (this) {
                wait(WAIT_SLICE_MS);
            }
        }
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    /**
     * Logs a change of state once, and on every check brings the intake routes in line with the state:
     * a route the first check could not start (the context was still starting) is started by the next.
     */
    private synchronized void change(State next, String why) {
        reason = why;
        if (state != next) {
            state = next;
            if (next == State.OPEN) {
                LOG.info("intake open: {}", why);
            } else {
                LOG.warn("intake held: {}", why);
            }
            notifyAll();
        }
        if (camelContext.isStarted()) {
            intakeRoutes.forEach(next == State.OPEN ? this::resume : this::suspend);
        }
    }

    /**
     * Only the consumer is suspended: suspending the route would wait for its in-flight files, and those
     * may be waiting for this very gate.
     */
    private void suspend(String routeId) {
        ServiceStatus status = camelContext.getRouteController().getRouteStatus(routeId);
        Route route = camelContext.getRoute(routeId);
        Consumer consumer = route == null ? null : route.getConsumer();
        if (status != null && status.isStarted() && consumer instanceof Suspendable && !ServiceHelper.isSuspended(consumer)) {
            ServiceHelper.suspendService(consumer);
        }
    }

    private void resume(String routeId) {
        try {
            ServiceStatus status = camelContext.getRouteController().getRouteStatus(routeId);
            if (status == null) {
                return;
            }
            if (!status.isStarted()) {
                camelContext.getRouteController().startRoute(routeId);
            } else if (ServiceHelper.isSuspended(camelContext.getRoute(routeId).getConsumer())) {
                ServiceHelper.resumeService(camelContext.getRoute(routeId).getConsumer());
            }
        } catch (Exception e) {
            LOG.error("cannot resume intake route {}", routeId, e);
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
