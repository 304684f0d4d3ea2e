package io.tikmatrix.bridge.schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * The schedules read from one file.
 *
 * @param missing true when the file does not exist, so the caller can say so rather than stay silent
 */
public record SchedulesFile(Path file, List<Schedule> schedules, boolean missing) {

    public SchedulesFile {
        schedules = List.copyOf(schedules);
    }

    static SchedulesFile missing(Path file) {
        return new SchedulesFile(file, List.of(), true);
    }

    public List<Schedule> enabled() {
        return schedules.stream().filter(Schedule::enabled).toList();
    }
}
