package io.tikmatrix.bridge.events;

import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;

/** The connection factory of the {@code amqp} component: the broker of {@code bridge.amqp.*} (README, "AMQP 1.0"). */
public final class AmqpBroker {

    private AmqpBroker() {
    }

    /**
     * Connects only when an {@code amqp:} endpoint first sends.
     *
     * @param username empty, with {@code password}: connect anonymously (SASL ANONYMOUS)
     */
    public static ConnectionFactory connectionFactory(String url, String username, String password) {
        JmsConnectionFactory factory = new JmsConnectionFactory(url);
        if (!username.isEmpty()) {
            factory.setUsername(username);
        }
        if (!password.isEmpty()) {
            factory.setPassword(password);
        }
        return factory;
    }
}
