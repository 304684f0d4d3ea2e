package io.tikmatrix.bridge.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations an operator writes in configuration: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or bare milliseconds. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    // largest first, so format() picks the shortest spelling
    private static final List<ChronoUnit> UNITS =
            List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS);

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /** The inverse of {@link #parse}, in the largest unit that divides the duration: 300000 ms is {@code 5m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        ChronoUnit unit = UNITS.stream()
                .filter(u -> millis % u.getDuration().toMillis() == 0)
                .findFirst()
                .orElseThrow(); // ms divides everything
        return millis / unit.getDuration().toMillis() + suffix(unit);
    }

    private static String suffix(ChronoUnit unit) {
        return switch (unit) {
            case HOURS -> "h";
            case MINUTES -> "m";
            case SECONDS -> "s";
            default -> "ms";
        };
    }
}
