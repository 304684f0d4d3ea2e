package io.tikmatrix.bridge.licence;

import io.tikmatrix.bridge.api.ApiEnvelope;
import io.tikmatrix.bridge.submit.Submission;
import io.tikmatrix.bridge.submit.TakeAgainLaterException;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Holds all intake while TikMatrix refuses the API (code 40301, {@code api_enabled=false}) or cannot be
 * reached at all, and lets it flow again once {@code /license/check} passes. Held files stay in the inbox
 * untouched: a plan problem or a closed desktop app is not the descriptors' fault, so nothing is
 * dead-lettered for it.
 * <p>
 * The routes that take in new work name this policy ({@code routePolicy: licenceGate}: the inbox and every
 * schedule): while intake is held the inbox reads no file and a schedule's fire times pass as missed ones,
 * and both take in work again when it opens. What had already come in does not wait in a thread: see
 * {@link #requireOpen} and {@link #requireLicence}.
 * <p>
 * A fleet (README, "Fleet and cluster") has a licence state per host: intake opens once every host was checked and
 * stays open while any host is, and a descriptor's part for a host that is held waits for that host alone.
 */
public class LicenceGate extends RoutePolicySupport {

    public enum State { STARTING, OPEN, HELD_LICENCE, HELD_UNREACHABLE }

    private static final Logger LOG = LoggerFactory.getLogger(LicenceGate.class);

    /** The exchange property naming the host a licence check asks (see routes/licence-gate.camel.yaml). */
    public static final String HOST = "tikmatrixLicenceHost";
    /** The exchange property holding the URL a licence check asks. */
    public static final String CHECK_URL = "tikmatrixLicenceUrl";

    private record HostState(State state, String reason) {
    }

    /** The intake routes that run now: their consumers follow the state. */
    private final Set<Route> intake = ConcurrentHashMap.newKeySet();
    /** Each host's API base URL, in the fleet's order. */
    private final Map<String, String> baseUrls;
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
    /** Held by an operator (POST /api/intake/pause) whatever the licence says, until resumed. */
    private volatile boolean paused;

    /** @param baseUrls each host's API base URL, by host name, in order */
    public LicenceGate(Map<String, String> baseUrls) {
        this.baseUrls = new LinkedHashMap<>(baseUrls);
        baseUrls.keySet().forEach(host -> hosts.put(host, new HostState(State.STARTING, "no licence check yet")));
    }

    /** The hosts a licence check asks, one after the other. */
    public List<String> hosts() {
        return List.copyOf(baseUrls.keySet());
    }

    /** Points one host's licence check (the body names the host) at its {@code GET /license/check}. */
    public void prepareCheck(Exchange exchange) {
        String host = exchange.getMessage().getBody(String.class);
        exchange.setProperty(HOST, host);
        exchange.setProperty(CHECK_URL, baseUrls.get(host) + "/license/check");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
    }

    public void onAnswer(Exchange exchange) {
        String host = exchange.getProperty(HOST, String.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Optional<ApiEnvelope> envelope = ApiEnvelope.parse(exchange.getMessage().getBody(String.class));
        if (envelope.isEmpty()) {
            change(host, State.HELD_UNREACHABLE, "licence check answered HTTP " + status + " without an API envelope");
        } else if (envelope.get().code() == ApiEnvelope.LICENCE_DENIED) {
            change(host, State.HELD_LICENCE, "plan without API access (40301): " + envelope.get().message());
        } else if (!envelope.get().ok()) {
            change(host, State.HELD_UNREACHABLE, "licence check answered code " + envelope.get().code() + ": " + envelope.get().message());
        } else if (!envelope.get().data().path("api_enabled").asBoolean(true)) {
            change(host, State.HELD_LICENCE, "plan " + envelope.get().data().path("plan_name").asText("?") + " has api_enabled=false");
        } else {
            change(host, State.OPEN, "licence check passed (plan " + envelope.get().data().path("plan_name").asText("?") + ")");
        }
    }

    /**
     * Names the host and port and what went wrong in words, not the HTTP client's message: that repeats the URL,
     * whose slashes Camel's health endpoint shows escaped twice ({@code http:\\/\\/…}).
     */
    public void onUnreachable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        change(exchange.getProperty(HOST, String.class), State.HELD_UNREACHABLE, "TikMatrix cannot be reached"
                + at(exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class)) + ": " + problem(e));
    }

    private static String problem(Exception e) {
        if (e instanceof ConnectException) {
            return "connection refused (is TikMatrix running?)";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e == null ? "?" : e.getClass().getSimpleName();
    }

    private static String at(String endpointUri) {
        try {
            return endpointUri == null ? "" : " at " + URI.create(endpointUri).getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** A call to a host was answered 40301: hold it at once, without waiting for the next scheduled check. */
    public void holdForLicence(String host, String why) {
        change(host, State.HELD_LICENCE, "plan without API access (40301): " + why);
    }

    /**
     * Before a descriptor is claimed: it goes on only while intake is open. Else a descriptor of an inbox file
     * (or of a bus message, which the broker then delivers again) leaves its file in the inbox, to be read again once intake opens (its neighbours already submitted are
     * duplicates then); reading the rest of a big file into waiting exchanges would hold it all in memory. A
     * schedule's firing has no file to come back from, so it waits for intake to open.
     */
    public void requireOpen(Exchange exchange) throws TakeAgainLaterException, LicenceHeldException {
        Submission s = Submission.of(exchange);
        if (isOpen(s.host())) {
            return;
        }
        if (s.source() != null && s.source().isFile()) {
            throw new TakeAgainLaterException(s.where() + "intake is held (" + heldBecause(s.host()) + "); the file stays in the"
                    + " inbox (a bus message with its broker) and is read again when intake opens",
                    paused || baseUrls.size() == 1 ? null : s.host());
        }
        throw new LicenceHeldException(s.where() + s.key() + " waits for intake to open: " + heldBecause(s.host()));
    }

    /** Whether new work for this host is taken in: its licence lets it and no operator paused intake. */
    public boolean isOpen(String host) {
        return hosts.get(host).state() == State.OPEN && !paused;
    }

    /** Whether new work is taken in: the licence of a host lets it and no operator paused it. */
    public boolean isOpen() {
        return state() == State.OPEN && !paused;
    }

    public boolean isPaused() {
        return paused;
    }

    /**
     * An operator holds intake (README, "Operating it"): files stay in the inbox and schedules' fire times pass as
     * missed ones, as while the licence is refused; descriptors already claimed go on. Until {@link #resume}, or
     * this bridge stops.
     */
    public synchronized void pause() {
        if (!paused) {
            paused = true;
            LOG.warn("intake held: paused by an operator");
            intake.forEach(this::follow);
        }
    }

    public synchronized void resume() {
        if (paused) {
            paused = false;
            LOG.info("intake resumed by an operator{}", state() == State.OPEN ? "" : "; still held: " + reason());
            intake.forEach(this::follow);
        }
    }

    private String heldBecause(String host) {
        return paused ? "paused by an operator" : named(host, hosts.get(host).reason());
    }

    /** A fleet's host is named in what is said of it; the one host of {@code tikmatrix.base-url} needs no name. */
    private String named(String host, String text) {
        return baseUrls.size() == 1 ? text : host + ": " + text;
    }

    /**
     * Before every attempt of a claimed descriptor: it waits while the licence is refused. Against an unreachable
     * API it goes on and spends its retry budget, as any descriptor in flight does.
     */
    public void requireLicence(Exchange exchange) throws LicenceHeldException {
        Submission s = Submission.of(exchange);
        HostState host = hosts.get(s.host());
        if (host.state() == State.HELD_LICENCE) {
            throw new LicenceHeldException(s.where() + s.key() + " waits for the licence: " + named(s.host(), host.reason()));
        }
    }

    /** Whether a held descriptor waits on: not once the bridge stops (its file stays in the inbox, its claim in the journal). */
    public boolean mayWait(Exchange exchange) {
        return !exchange.getContext().isStopping();
    }

    /**
     * Starting until every host was checked once (a file read before would put back the parts of the hosts not yet
     * asked); then open when any host is; else held for the licence if any host is, else held as unreachable.
     */
    public State state() {
        Set<State> states = EnumSet.noneOf(State.class);
        hosts.values().forEach(host -> states.add(host.state()));
        for (State best : List.of(State.STARTING, State.OPEN, State.HELD_LICENCE)) {
            if (states.contains(best)) {
                return best;
            }
        }
        return State.HELD_UNREACHABLE;
    }

    /** Why the state is what it is; in a fleet, each host's reason after its name. */
    public String reason() {
        if (baseUrls.size() == 1) {
            return hosts.values().iterator().next().reason();
        }
        return baseUrls.keySet().stream().map(host -> named(host, hosts.get(host).reason())).collect(Collectors.joining("; "));
    }

    /** An intake route that starts while intake is held (the inbox at start, a schedule added by a reload) is held at once. */
    @Override
    public synchronized void onStart(Route route) {
        intake.add(route);
        follow(route);
    }

    @Override
    public void onStop(Route route) {
        intake.remove(route);
    }

    @Override
    public void onRemove(Route route) {
        intake.remove(route);
    }

    /**
     * Logs a change of state once, and on every check brings the intake routes in line with the state, so a
     * route a resume could not reach (it was still starting) is resumed by the next check.
     */
    private synchronized void change(String host, State next, String why) {
        HostState before = hosts.put(host, new HostState(next, why));
        if (before.state() != next) {
            if (next == State.OPEN) {
                LOG.info("intake open: {}", named(host, why));
            } else {
                LOG.warn("intake held: {}", named(host, why));
            }
        }
        intake.forEach(this::follow);
    }

    /**
     * Only the input is held, never the route: stopping the route would wait for its in-flight files. A file
     * consumer is suspended (it polls no more), and so is a JMS or AMQP one. A Kafka consumer is stopped and started
     * again instead: suspended and resumed before its fetch thread got going, Camel's stays paused for good; a
     * record it no longer takes stays with the broker anyway. A schedule's trigger is paused, and resuming it applies the
     * schedule's misfire rule to the fire times that passed meanwhile; its consumer is not stopped, as that would
     * stop the route's processors too and lose a firing still waiting out its jitter.
     */
    private void follow(Route route) {
        // a stopping bridge stops the consumers itself; resuming one now would take in new work
        if (route.getCamelContext().isStopping()) {
            return;
        }
        boolean open = isOpen();
        try {
            if (route.getEndpoint() instanceof QuartzEndpoint schedule) {
                if (open) {
                    schedule.resumeTrigger();
                } else {
                    schedule.pauseTrigger();
                }
            } else if (route.getEndpoint().getEndpointUri().startsWith("kafka:")) {
                if (open) {
                    startConsumer(route.getConsumer());
                } else {
                    stopConsumer(route.getConsumer());
                }
            } else if (open) {
                resumeOrStartConsumer(route.getConsumer());
            } else {
                suspendOrStopConsumer(route.getConsumer());
            }
        } catch (Exception e) {
            LOG.error("cannot {} intake route {}", open ? "resume" : "hold", route.getRouteId(), e);
        }
    }
}
