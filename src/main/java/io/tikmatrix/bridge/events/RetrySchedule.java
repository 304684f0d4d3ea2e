package io.tikmatrix.bridge.events;

import java.time.Duration;

/** The back-off of an event that did not reach its endpoint: {@code bridge.events.retry.*}. */
public record RetrySchedule(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public boolean exhaustedAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    public Duration delayAfter(int failedAttempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
