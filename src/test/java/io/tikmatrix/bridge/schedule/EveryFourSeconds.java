package io.tikmatrix.bridge.schedule;

import io.tikmatrix.bridge.support.BridgeHarness;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A warm-up schedule that fires every 4 seconds, for the tests of missed fire times, and what it submitted. */
public final class EveryFourSeconds {

    public static final long PERIOD_SECONDS = 4;

    private static final String KEY_PREFIX = "schedule:every-4s@";

    private EveryFourSeconds() {
    }

    /** Gives the bridge (before its start) the schedule with this misfire rule, and a misfire threshold of 500ms. */
    public static void schedule(BridgeHarness bridge, String misfire) {
        bridge.with("bridge.schedules.misfire-threshold", "500ms");
        bridge.schedules("""
                schedules:
                  - name: every-4s
                    cron: "*/4 * * * * ?"
                    timezone: Europe/Berlin
                    misfire: %s
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """.formatted(misfire));
    }

    /** The fire times submitted so far, earliest first. */
    public static List<Instant> fireTimes(BridgeHarness bridge) {
        return bridge.submittedKeys(KEY_PREFIX).stream()
                .map(key -> OffsetDateTime.parse(key.substring(KEY_PREFIX.length())).toInstant())
                .sorted()
                .toList();
    }
}
