package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.DescriptorKeys;
import io.tikmatrix.bridge.descriptor.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a firing of a schedule route into the descriptor it submits. Knows the schedules that run now. */
public class ScheduleFirings {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFirings.class);

    private final Map<String, Schedule> running = new ConcurrentHashMap<>();

    void put(Schedule schedule) {
        running.put(schedule.name(), schedule);
    }

    void remove(String name) {
        running.remove(name);
    }

    /**
     * @param scheduledFireTime the trigger's scheduled time, never the moment it actually ran, so that a
     *                          late or repeated firing of one fire time has one key
     */
    public Descriptor descriptor(String name, Date scheduledFireTime) {
        Schedule schedule = schedule(name);
        String fireTime = FireTimes.fireTimeText(FireTimes.slotAtOrBefore(schedule, scheduledFireTime.toInstant()));
        LOG.info("schedule {} fires for {}", name, fireTime);
        return descriptor(schedule, fireTime);
    }

    /**
     * A fire time taken up again ({@link LeftFireTimes}), as it was built when it fired: its key is the one the
     * journal holds, whatever the cron says now. Empty when its schedule no longer runs.
     */
    Optional<Descriptor> takenUpAgain(String name, String fireTime) {
        return Optional.ofNullable(running.get(name)).map(schedule -> descriptor(schedule, fireTime));
    }

    private static Descriptor descriptor(Schedule schedule, String fireTime) {
        // every firing gets its own copy: the task node is shared by all firings of the schedule
        return Descriptor.of(schedule.task().deepCopy(), Source.schedule(schedule.name(), fireTime),
                DescriptorKeys.forScheduleFiring(schedule.name(), fireTime));
    }

    /** A random wait of 0 to the schedule's jitter, so that many devices do not act in the same second. */
    public long jitterMillis(String name) {
        long bound = schedule(name).jitter().toMillis();
        return bound == 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
    }

    private Schedule schedule(String name) {
        Schedule schedule = running.get(name);
        if (schedule == null) {
            throw new IllegalStateException("schedule " + name + " fired but is no longer in the schedules file");
        }
        return schedule;
    }
}
