package io.tikmatrix.bridge.schedule;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps one "schedule" route (routes/schedules.camel.yaml) per enabled schedule, and each route's Quartz
 * trigger in the store in step with it.
 */
final class ScheduleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRoutes.class);

    /** The group of the schedules' triggers; the trigger's name is the schedule's. */
    static final String TRIGGER_GROUP = "schedules";
    private static final String TEMPLATE = "schedule";

    private final ScheduleFirings firings;
    private final Map<String, Schedule> running = new LinkedHashMap<>();
    private CamelContext context;

    ScheduleRoutes(ScheduleFirings firings) {
        this.firings = firings;
    }

    /**
     * At start, with Quartz not yet firing. A stored trigger whose schedule is gone or was changed while
     * the bridge was down is dropped; an unchanged one is kept, so its missed fire times are handled by
     * the schedule's misfire rule when Quartz starts.
     */
    synchronized void start(CamelContext camelContext, List<Schedule> enabled) throws Exception {
        context = camelContext;
        Scheduler scheduler = scheduler();
        Map<String, Schedule> wanted = byName(enabled);
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(TRIGGER_GROUP))) {
            Schedule schedule = wanted.get(key.getName());
            if (schedule == null || !firesAsStored(schedule, scheduler.getTrigger(key))) {
                scheduler.unscheduleJob(key);
            }
        }
        // camel-quartz pauses a trigger when its route stops; resuming applies the misfire rule. Before the routes
        // are added: a route the licence gate holds as it starts pauses its trigger again, and must stay paused
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(TRIGGER_GROUP))) {
            if (scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED) {
                scheduler.resumeTrigger(key);
            }
        }
        enabled.forEach(this::add);
        scheduler.start();
    }

    /** After a change of the file: routes of removed or re-timed schedules go, new ones come. */
    synchronized void apply(List<Schedule> enabled) throws Exception {
        Map<String, Schedule> wanted = byName(enabled);
        for (Schedule old : List.copyOf(running.values())) {
            Schedule now = wanted.get(old.name());
            if (now == null || !sameTiming(old, now)) {
                remove(old.name());
            }
        }
        for (Schedule schedule : enabled) {
            if (running.containsKey(schedule.name())) {
                // same trigger: only what a firing submits changed
                running.put(schedule.name(), schedule);
                firings.put(schedule);
            } else {
                add(schedule);
            }
        }
    }

    synchronized int size() {
        return running.size();
    }

    private void add(Schedule schedule) {
        // kept for a fire time an earlier run left unfinished (LeftFireTimes), even when no other is to come
        firings.put(schedule);
        if (FireTimes.next(schedule, Instant.now(), 1).isEmpty()) {
            // Quartz refuses a trigger that will never fire, and the refusal would stop the whole start: a cron that
            // names a year gone by (a campaign's date) is a schedule that is over, not a fault of the bridge
            LOG.info("schedule {}: its cron {} has no fire time left; it does not run", schedule.name(), schedule.cron());
            return;
        }
        TemplatedRouteBuilder.builder(context, TEMPLATE)
                .routeId(routeId(schedule.name()))
                .parameter("name", schedule.name())
                .parameter("cron", schedule.cron())
                .parameter("timezone", schedule.timezone().getId())
                .parameter("misfireInstruction", schedule.misfire().quartzInstruction())
                .add();
        running.put(schedule.name(), schedule);
    }

    private void remove(String name) throws Exception {
        context.getRouteController().stopRoute(routeId(name));
        context.removeRoute(routeId(name));
        // a schedule that comes back is a new one: it owes nothing for the time it was away
        scheduler().unscheduleJob(TriggerKey.triggerKey(name, TRIGGER_GROUP));
        firings.remove(name);
        running.remove(name);
    }

    private Scheduler scheduler() {
        return context.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    private static boolean firesAsStored(Schedule schedule, Trigger stored) {
        return stored instanceof CronTrigger cron
                && cron.getCronExpression().equals(schedule.cron())
                && cron.getTimeZone().getID().equals(schedule.timezone().getId())
                && cron.getMisfireInstruction() == schedule.misfire().quartzInstruction();
    }

    private static boolean sameTiming(Schedule a, Schedule b) {
        return a.cron().equals(b.cron()) && a.timezone().equals(b.timezone()) && a.misfire() == b.misfire();
    }

    private static String routeId(String name) {
        return "schedule-" + name;
    }

    private static Map<String, Schedule> byName(List<Schedule> schedules) {
        return schedules.stream().collect(Collectors.toMap(Schedule::name, Function.identity()));
    }
}
