package io.tikmatrix.bridge.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults a test or a demo wants the simulator to show: injected failures per request, the licence plan,
 * and whether error envelopes come with HTTP 200 (the default) or an HTTP status taken from their code.
 */
public final class SimulatorFaults {

    private static final int ALWAYS = -1;

    /** A registered fault; {@code remaining} counts down to 0, or stays {@link #ALWAYS}. */
    private static final class Rule {
        final RequestMatcher matcher;
        final Fault fault;
        int remaining;

        Rule(RequestMatcher matcher, Fault fault, int remaining) {
            this.matcher = matcher;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private volatile boolean apiEnabled = true;
    private volatile boolean httpStatusFromCode;

    /** The next {@code times} requests matching method and path prefix get {@code fault}. */
    public synchronized SimulatorFaults failNext(int times, String method, String pathPrefix, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        rules.add(new Rule(new RequestMatcher(method, pathPrefix), fault, times));
        return this;
    }

    /** Every request matching method and path prefix gets {@code fault} until {@link #clear()}. */
    public synchronized SimulatorFaults failAlways(String method, String pathPrefix, Fault fault) {
        rules.add(new Rule(new RequestMatcher(method, pathPrefix), fault, ALWAYS));
        return this;
    }

    /** Forgets every injected fault and restores the Pro plan and HTTP 200 error envelopes. */
    public synchronized void clear() {
        rules.clear();
        apiEnabled = true;
        httpStatusFromCode = false;
    }

    /** With {@code false} the simulator acts as a Starter plan: every endpoint answers 40301 with HTTP 403. */
    public void setPlan(boolean apiEnabled) {
        this.apiEnabled = apiEnabled;
    }

    public boolean apiEnabled() {
        return apiEnabled;
    }

    /**
     * The API does not document the HTTP status of its error envelopes; with {@code true} an error code
     * {@code 40401} comes with HTTP 404 (its first three digits), with {@code false} every envelope is HTTP 200.
     */
    public void httpStatusFromCode(boolean enabled) {
        this.httpStatusFromCode = enabled;
    }

    int httpStatusFor(int errorCode) {
        return httpStatusFromCode ? errorCode / 100 : 200;
    }

    /** The fault for this request, if any; a counted fault is used up by the match. */
    synchronized Optional<Fault> take(String method, String path) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.matcher.matches(method, path)) {
                if (rule.remaining != ALWAYS && --rule.remaining == 0) {
                    it.remove();
                }
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }
}
