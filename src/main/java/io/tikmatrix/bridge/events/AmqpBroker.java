package io.tikmatrix.bridge.events;

import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

import java.time.Duration;

/** The connection factory of the {@code amqp} component: the broker of {@code bridge.amqp.*} (README, "AMQP 1.0"). */
public final class AmqpBroker {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private AmqpBroker() {
    }

    /**
     * Connects only when an {@code amqp:} endpoint first sends.
     *
     * @param username empty, with {@code password}: connect anonymously (SASL ANONYMOUS)
     */
    public static ConnectionFactory connectionFactory(String url, String username, String password) {
        JmsConnectionFactory factory = new JmsConnectionFactory();
        // Qpid JMS waits forever by default: a broker that never answers a link (RabbitMQ does so when it cannot
        // declare the queue an address names) would hold the endpoint's delivery route; a time-out fails the
        // send, which is retried like any other. The URL's own jms.*Timeout options, applied next, win.
        factory.setRequestTimeout(SEND_TIMEOUT.toMillis());
        factory.setSendTimeout(SEND_TIMEOUT.toMillis());
        factory.setRemoteURI(url);
        if (!username.isEmpty()) {
            factory.setUsername(username);
        }
        if (!password.isEmpty()) {
            factory.setPassword(password);
        }
        return factory;
    }
}
