package io.tikmatrix.bridge.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker a test class shares: {@code @RegisterExtension static} starts it once before the class and
 * stops it after, since starting one costs seconds on a small machine.
 */
interface ClassScopedBroker extends BeforeAllCallback, AfterAllCallback, AutoCloseable {

    ClassScopedBroker start();

    @Override
    void close();

    @Override
    default void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    default void afterAll(ExtensionContext context) {
        close();
    }
}
