package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.store.ScheduleSwitches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Keeps the schedules that run in step, while the bridge runs, with an edited schedules file (an invalid edit is
 * refused as a whole) and with the switches an operator set through the admin API, which the store keeps for
 * every bridge on it: each look applies what changed in either.
 */
public class SchedulesReload {

    /**
     * A schedule of the file as it runs now.
     *
     * @param enabled  whether it runs
     * @param switched whether that is an operator's switch rather than the file's {@code enabled}
     */
    public record ScheduleState(Schedule schedule, boolean enabled, boolean switched) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SchedulesReload.class);

    private final Path file;
    private final SchedulesLoader loader;
    private final ScheduleRoutes routes;
    private byte[] applied;
    private SchedulesFile current;
    private ScheduleSwitches switches;
    private List<Schedule> running = List.of();

    SchedulesReload(Path file, SchedulesLoader loader, ScheduleRoutes routes, byte[] applied, SchedulesFile current) {
        this.file = file;
        this.loader = loader;
        this.routes = routes;
        this.applied = applied;
        this.current = current;
    }

    /** The store's switches, once the store is open; until then the file alone decides. */
    synchronized void useSwitches(ScheduleSwitches storeSwitches) {
        this.switches = storeSwitches;
    }

    /** The schedules to run: the file's enabled ones, but where a switch was set for an entry as it is now, the switch. */
    synchronized List<Schedule> toRun() {
        return states().stream().filter(ScheduleState::enabled).map(ScheduleState::schedule).toList();
    }

    /** The schedule routes now run these. */
    synchronized void started(List<Schedule> schedules) {
        running = List.copyOf(schedules);
    }

    /**
     * Compares contents, not modification times: an editor saving twice within the file system's
     * timestamp resolution would otherwise go unseen.
     */
    public synchronized void reloadIfChanged() throws Exception {
        byte[] content = contentOf(file);
        if (!Arrays.equals(content, applied)) {
            applied = content;
            try {
                current = loader.load(file);
                apply();
                LOG.info("{} changed: {} schedule(s) now run", file, routes.size());
                return;
            } catch (InvalidSchedulesException e) {
                LOG.warn("{} changed but is invalid; the {} running schedule(s) stay as they were: {}",
                        file, routes.size(), String.join("; ", e.problems()));
            }
        }
        if (!toRun().equals(running)) {
            apply();
            LOG.info("schedules switched through the admin API: {} schedule(s) now run", routes.size());
        }
    }

    /** Every schedule of the file, as it runs now. */
    public synchronized List<ScheduleState> states() {
        Map<String, ScheduleSwitches.Switch> set = switches == null ? Map.of() : switches.all();
        return current.schedules().stream().map(schedule -> {
            ScheduleSwitches.Switch s = set.get(schedule.name());
            boolean switched = s != null && s.definition().equals(schedule.definition());
            return new ScheduleState(schedule, switched ? s.enabled() : schedule.enabled(), switched);
        }).toList();
    }

    /**
     * An operator's switch: kept in the store, applied here at once and by every other bridge on the store at its
     * next look, until schedules.yaml changes the schedule.
     *
     * @throws NoSuchElementException when the file has no schedule of that name
     */
    public synchronized void switchTo(String name, boolean enabled) throws Exception {
        Schedule schedule = current.schedules().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no schedule " + name + " in " + file));
        switches.set(name, enabled, schedule.definition());
        LOG.info("schedule {} {} through the admin API", name, enabled ? "enabled" : "disabled");
        reloadIfChanged();
    }

    private void apply() throws Exception {
        List<Schedule> wanted = toRun();
        routes.apply(wanted);
        running = wanted;
    }

    /** Null for a missing file, which means no schedules. */
    static byte[] contentOf(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
