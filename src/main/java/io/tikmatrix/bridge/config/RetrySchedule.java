package io.tikmatrix.bridge.config;

import java.time.Duration;

/** A retry budget with exponential back-off: {@code bridge.retry.*} for API calls, {@code bridge.events.retry.*} for events. */
public record RetrySchedule(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** @param prefix {@code bridge.retry} or {@code bridge.events.retry} */
    public static RetrySchedule of(BridgeConfig config, String prefix) {
        return new RetrySchedule(config.integer(prefix + ".max-attempts"), config.duration(prefix + ".initial-delay"),
                Double.parseDouble(config.get(prefix + ".multiplier")), config.duration(prefix + ".max-delay"));
    }

    /** For Camel's redelivery policy, whose delays are milliseconds (routes/error-handling.camel.yaml). */
    public long initialDelayMillis() {
        return initialDelay.toMillis();
    }

    public long maxDelayMillis() {
        return maxDelay.toMillis();
    }

    public boolean exhaustedAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    public Duration delayAfter(int failedAttempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
