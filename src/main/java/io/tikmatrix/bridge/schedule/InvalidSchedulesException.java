package io.tikmatrix.bridge.schedule;

import java.util.List;

/** A schedules file that must stop the start; every problem names the schedule and the field. */
public class InvalidSchedulesException extends RuntimeException {

    private final List<String> problems;

    public InvalidSchedulesException(String file, List<String> problems) {
        super("invalid schedules file " + file + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
