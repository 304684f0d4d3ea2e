package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.fleet.HostRouting;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import io.tikmatrix.bridge.validation.Rejection;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet's descriptor goes to every host that has some of its devices and accounts (README, "Fleet and cluster"):
 * one share per host, submitted on its own under the key {@code <key>@<host>}, so each is claimed, sent, settled and
 * recorded as a descriptor of the one host is; the names no host has are one more share, {@code <key>@unroutable},
 * dead-lettered under {@code unroutable}. Once every share has an outcome, the descriptor's receipt line lists them.
 */
public class HostShares implements AggregationStrategy {

    /** The share of the names no host has, as its key ends and its receipt line lists it. */
    public static final String UNROUTABLE = "unroutable";
    private static final String LINES = "tikmatrixShareLines";
    private static final String COUNT = "tikmatrixShareCount";

    private final String firstHost;
    private final HostRouting routing;
    private final DescriptorValidator validator;
    private final Outcomes outcomes;

    /** @param hosts the hosts' names, in the fleet's order (the submit route splits only when there are several) */
    public HostShares(List<String> hosts, HostRouting routing, DescriptorValidator validator, Outcomes outcomes) {
        this.firstHost = hosts.get(0);
        this.routing = routing;
        this.validator = validator;
        this.outcomes = outcomes;
    }

    /**
     * @throws TakeAgainLaterException when some names have no host while a host has not answered since the start: they
     *                                 may be its, so the descriptor waits (its file stays in the inbox) instead of
     *                                 being called unroutable
     */
    public List<Share> shares(Exchange exchange) throws TakeAgainLaterException {
        Descriptor d = exchange.getMessage().getBody(Descriptor.class);
        // a descriptor that cannot be sent at all is dead-lettered once, whole, not once per host
        if (d.body() == null || d.problem() != null || validator.validate(d.body()).isPresent()) {
            exchange.setProperty(COUNT, 1);
            return List.of(new Share(firstHost, d));
        }
        HostRouting.Routing routes = routing.route(d.body());
        String where = d.source() == null ? "" : d.source().place() + ": ";
        if (!routes.silentHosts().isEmpty()) {
            throw new TakeAgainLaterException(where + "no host is known to have " + unknown(routes) + ", and " + routes.silentHosts()
                    + " did not answer yet; taken again later", routes.silentHosts().get(0));
        }
        List<Share> shares = new ArrayList<>();
        routes.shares().forEach((host, body) ->
                shares.add(new Share(host, new Descriptor(body, d.source(), d.key() + "@" + host, null, d.replay()))));
        if (routes.partlyUnroutable()) {
            ObjectNode rest = d.body().deepCopy();
            names(rest, "serials", routes.unroutableSerials());
            names(rest, "usernames", routes.unroutableUsernames());
            Rejection why = Rejection.of(DeadLetterKey.UNROUTABLE, where + "no host of the fleet has " + unknown(routes)
                    + (shares.isEmpty() ? "" : "; the other devices and accounts went to their hosts"));
            shares.add(new Share(firstHost, Descriptor.rejected(rest, d.source(), d.key() + "@" + UNROUTABLE, why)));
        }
        exchange.setProperty(COUNT, shares.size());
        return shares;
    }

    private static List<String> unknown(HostRouting.Routing routes) {
        List<String> unknown = new ArrayList<>(routes.unroutableSerials());
        unknown.addAll(routes.unroutableUsernames());
        return unknown;
    }

    private static void names(ObjectNode body, String field, List<String> names) {
        if (names.isEmpty()) {
            body.remove(field);
        } else {
            ArrayNode array = body.putArray(field);
            names.forEach(array::add);
        }
    }

    @Override
    public Exchange aggregate(Exchange previous, Exchange share) {
        throw new UnsupportedOperationException("the splitter calls aggregate(previous, share, descriptor)");
    }

    /** Gathers each share's receipt line on the descriptor's exchange; a share that failed fails the descriptor. */
    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange previous, Exchange share, Exchange descriptor) {
        if (share.getException() != null) {
            descriptor.setException(share.getException());
            return descriptor;
        }
        Submission s = share.getProperty(Submission.PROPERTY, Submission.class);
        if (s != null && s.receiptLine() != null) {
            Map<String, ReceiptLine> lines = descriptor.getProperty(LINES, Map.class);
            if (lines == null) {
                lines = new LinkedHashMap<>();
                descriptor.setProperty(LINES, lines);
            }
            lines.put(s.key().endsWith("@" + UNROUTABLE) ? UNROUTABLE : s.host(), s.receiptLine());
        }
        return descriptor;
    }

    /**
     * The descriptor's own outcome, for its receipt: its shares' lines by host. A share that ended without one (the
     * bridge stopped) leaves the descriptor without one too, so its file stays in the inbox.
     */
    @SuppressWarnings("unchecked")
    public void combine(Exchange exchange) {
        Descriptor d = exchange.getMessage().getBody(Descriptor.class);
        Submission whole = new Submission(d, firstHost, false);
        Map<String, ReceiptLine> lines = exchange.getProperty(LINES, Map.class);
        exchange.removeProperty(LINES);
        if (lines != null && exchange.removeProperty(COUNT).equals(lines.size())) {
            outcomes.record(whole, ReceiptLine.byHost(d.source(), d.key(), lines));
        }
        exchange.setProperty(Submission.PROPERTY, whole);
    }
}
