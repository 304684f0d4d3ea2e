package io.tikmatrix.bridge.support;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * Registered for every test class (src/test/resources/META-INF/services, with extension auto-detection on in
 * junit-platform.properties). Awaitility by default first looks after 100 ms and then every 100 ms, so a wait
 * for something a bridge does in a few milliseconds costs 100 to 200 ms, and the suite waits many hundred times.
 * Looking at once and every 20 ms keeps each look cheap (a file, a store query) beside what the bridge does.
 * A wait that sets its own interval keeps it.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }
}
