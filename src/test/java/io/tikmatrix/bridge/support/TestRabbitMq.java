package io.tikmatrix.bridge.support;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The RabbitMQ of the development and CI machines: 127.0.0.1:5672, guest/guest, with the rabbitmq_amqp1_0 plugin
 * that {@code .ci/run} enables, so the same port speaks AMQP 0-9-1 and AMQP 1.0. Where none answers, the calling
 * test is skipped with the reason, except under {@code CI=true}, where it fails with it.
 */
public final class TestRabbitMq {

    /** The host:port where RabbitMQ is looked for. */
    public static final String SERVER_PROPERTY = "tikmatrix.test.rabbitmq";

    private TestRabbitMq() {
    }

    /** The AMQP 1.0 URL of the broker, after it answered an AMQP 0-9-1 connection. */
    public static String amqpUrl() {
        connect().abort();
        return "amqp://" + address();
    }

    /** An AMQP 0-9-1 connection as guest, as an ordinary RabbitMQ consumer has; skips or fails as the class says. */
    public static Connection connect() {
        String address = address();
        String why = null;
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(address.substring(0, address.lastIndexOf(':')),
                    Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))), 1000);
        } catch (IOException e) {
            why = "No RabbitMQ on " + address + " (" + e.getMessage() + "). Start RabbitMQ with guest/guest and"
                    + " run 'rabbitmq-plugins enable rabbitmq_amqp1_0', as .ci/run does.";
        }
        if (why == null) {
            try {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUri("amqp://guest:guest@" + address);
                factory.setConnectionTimeout(2000);
                return factory.newConnection("tikmatrix-bridge-test");
            } catch (Exception e) {
                why = "RabbitMQ on " + address + " refused an AMQP 0-9-1 connection as guest: " + e.getMessage();
            }
        }
        // CI must never go green with the RabbitMQ cases quietly left out
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " CI=true, so this fails instead of being skipped.");
        }
        Assumptions.assumeTrue(false, why);
        throw new IllegalStateException("unreachable");
    }

    private static String address() {
        return System.getProperty(SERVER_PROPERTY, "127.0.0.1:5672");
    }
}
