package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.store.ScheduleSwitches;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

/**
 * What a bridge needs for its schedules: the file read and checked before anything starts, the beans
 * routes/schedules.camel.yaml calls, Quartz on the store's database, and the schedule routes once the
 * routes they submit to are up.
 */
public final class ScheduleStart {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleStart.class);

    private final SchedulesFile schedules;
    private final Duration misfireThreshold;
    private final ScheduleFirings firings = new ScheduleFirings();
    private final ScheduleRoutes routes = new ScheduleRoutes(firings);
    private final SchedulesReload reload;

    private ScheduleStart(SchedulesFile schedules, Duration misfireThreshold, SchedulesLoader loader, byte[] content) {
        this.schedules = schedules;
        this.misfireThreshold = misfireThreshold;
        this.reload = new SchedulesReload(schedules.file(), loader, routes, content, schedules);
    }

    /**
     * Reads the schedules file ({@code bridge.schedules.file}).
     *
     * @param misfireThreshold {@code bridge.schedules.misfire-threshold}
     * @throws InvalidSchedulesException naming each schedule and field at fault: the bridge must not start
     */
    public static ScheduleStart load(Path file, Duration misfireThreshold, DescriptorValidator validator) throws IOException {
        SchedulesLoader loader = new SchedulesLoader(validator);
        // read before the load, so that an edit in between is seen by the first reload
        byte[] content = SchedulesReload.contentOf(file);
        return new ScheduleStart(loader.load(file), misfireThreshold, loader, content);
    }

    /** The bean {@code scheduleFirings} of routes/schedules.camel.yaml. */
    public ScheduleFirings firings() {
        return firings;
    }

    /** The bean {@code schedulesReload} of routes/schedules.camel.yaml. */
    public SchedulesReload reload() {
        return reload;
    }

    /**
     * Gives the context Quartz on the store's database, and the schedules the switches kept there; starts the
     * schedules once the other routes run.
     *
     * @param failover {@code bridge.cluster.failover}: on a shared store, how soon a dead bridge's schedules go on elsewhere
     */
    public void prepare(CamelContext context, DataSource storeDataSource, Duration failover, Clock clock) throws Exception {
        reload.useSwitches(new ScheduleSwitches(storeDataSource, clock));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(new HashMap<>(QuartzJobStore.prepare(storeDataSource, misfireThreshold, failover)));
        // one scheduler per bridge, named alike on every member of a cluster
        quartz.setPrefixInstanceName(false);
        // started by ScheduleRoutes once every schedule has its route: a missed fire time that
        // fired before its route existed would be lost
        quartz.setAutoStartScheduler(false);
        context.addComponent("quartz", quartz);
        context.addStartupListener(new StartWhenRoutesRun());
    }

    /** The schedules submit to direct:submit, so they start only once the other routes run. */
    private final class StartWhenRoutesRun implements ExtendedStartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            start(context);
        }
    }

    private void start(CamelContext context) {
        List<Schedule> toRun = reload.toRun();
        try {
            routes.start(context, toRun);
            reload.started(toRun);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the schedules of " + schedules.file(), e);
        }
        if (schedules.missing()) {
            LOG.info("no schedules: {} does not exist", schedules.file());
        } else if (schedules.schedules().isEmpty()) {
            LOG.info("no schedules: {} has none", schedules.file());
        } else {
            LOG.info("{} schedule(s) loaded from {}, {} enabled",
                    schedules.schedules().size(), schedules.file(), toRun.size());
        }
    }
}
