package io.tikmatrix.bridge.schedule;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as SPEC §2 writes them: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or bare milliseconds. */
final class DurationText {

    private record Unit(String suffix, ChronoUnit unit) {
    }

    // largest first, so format() picks the shortest spelling
    private static final List<Unit> UNITS = List.of(
            new Unit("h", ChronoUnit.HOURS),
            new Unit("m", ChronoUnit.MINUTES),
            new Unit("s", ChronoUnit.SECONDS),
            new Unit("ms", ChronoUnit.MILLIS));

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)");
        }
        String suffix = m.group(2) == null ? "ms" : m.group(2);
        ChronoUnit unit = UNITS.stream().filter(u -> u.suffix.equals(suffix)).findFirst().orElseThrow().unit;
        try {
            return Duration.of(Long.parseLong(m.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        Unit unit = UNITS.stream()
                .filter(u -> millis % u.unit.getDuration().toMillis() == 0)
                .findFirst()
                .orElseThrow(); // ms divides everything
        return millis / unit.unit.getDuration().toMillis() + unit.suffix;
    }
}
