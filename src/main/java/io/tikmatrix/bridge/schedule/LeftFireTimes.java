package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.DescriptorKeys;
import io.tikmatrix.bridge.store.SubmissionJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fire times a bridge claimed and left without an outcome: it was killed, or it stopped, between the claim and the
 * answer. An inbox line comes back when its file is read again; nothing reads a fire time again, so once its claim's
 * lease ran out it is found in the journal and submitted again under its key. The claim takes it over with its
 * attempts and settles it with TikMatrix before anything is posted (README, "Schedules").
 */
public class LeftFireTimes {

    private static final Logger LOG = LoggerFactory.getLogger(LeftFireTimes.class);

    private final SubmissionJournal journal;
    private final ScheduleFirings firings;
    private final boolean sharedStore;
    /** Fire times of schedules no longer in the file, said once each. */
    private final Set<String> toldOf = ConcurrentHashMap.newKeySet();

    /** @param sharedStore other bridges use the store: one of them may die and leave fire times at any moment */
    public LeftFireTimes(SubmissionJournal journal, ScheduleFirings firings, boolean sharedStore) {
        this.journal = journal;
        this.firings = firings;
        this.sharedStore = sharedStore;
    }

    /**
     * How many times to look (the route's timer, 0 for ever): a store of its own holds only what an earlier run of
     * this bridge left, so once, when intake first opens, is enough.
     */
    public int looks() {
        return sharedStore ? 0 : 1;
    }

    /** The descriptors of the fire times left in flight, each once, though a fleet's fire time has a key per host. */
    public List<Descriptor> takeUp() {
        // schedule:<name>@<fire time>, or schedule:<name>@<fire time>@<host> for a share: the whole firing goes
        // again, and its shares that have their tasks come back as duplicates
        Set<String> fireTimes = new LinkedHashSet<>();
        for (String key : journal.leftInFlight(DescriptorKeys.SCHEDULE_FIRING)) {
            String[] parts = key.substring(DescriptorKeys.SCHEDULE_FIRING.length()).split("@");
            fireTimes.add(parts[0] + "@" + parts[1]);
        }
        List<Descriptor> left = new ArrayList<>();
        for (String fireTime : fireTimes) {
            String[] parts = fireTime.split("@");
            firings.takenUpAgain(parts[0], parts[1]).ifPresentOrElse(descriptor -> {
                LOG.info("schedule {}: the fire time {} was left unfinished by a bridge that stopped or died; taken up again",
                        parts[0], parts[1]);
                left.add(descriptor);
            }, () -> {
                if (toldOf.add(fireTime)) {
                    LOG.warn("schedule {}: the fire time {} was left unfinished, and the schedule no longer runs; it is"
                            + " not taken up", parts[0], parts[1]);
                }
            });
        }
        return left;
    }
}
