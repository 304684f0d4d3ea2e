package io.tikmatrix.bridge.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * The status poll of every host (README, "Fleet and cluster"): one {@link StatusPoller} per host, each with its own
 * memory of the lists it read. A host that cannot be asked leaves its own tasks unseen until the next poll and
 * holds back no other host's.
 */
public class StatusPolls {

    private final List<StatusPoller> hosts;

    public StatusPolls(List<StatusPoller> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    public List<Observation> observe() {
        List<Observation> seen = new ArrayList<>();
        hosts.forEach(host -> seen.addAll(host.observe()));
        return seen;
    }
}
