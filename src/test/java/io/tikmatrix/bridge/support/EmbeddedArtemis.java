package io.tikmatrix.bridge.support;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An Artemis broker inside the test JVM, reachable only on loopback, for camel-jms tests (its core protocol)
 * and camel-amqp tests (AMQP 1.0).
 * Either {@code @RegisterExtension static EmbeddedArtemis artemis = new EmbeddedArtemis();}
 * or {@code start()} in {@code @BeforeAll} and {@code close()} in {@code @AfterAll}.
 */
public final class EmbeddedArtemis implements ClassScopedBroker {

    private static final String ACCEPTOR = "tcp";
    private static final String AMQP_ACCEPTOR = "amqp";

    private EmbeddedActiveMQ broker;
    private Path dataDir;
    private int port;
    private int amqpPort;

    @Override
    public EmbeddedArtemis start() {
        try {
            dataDir = Files.createTempDirectory("artemis-");
            broker = new EmbeddedActiveMQ().setConfiguration(configuration()).start();
            port = ((NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor(ACCEPTOR)).getActualPort();
            amqpPort = ((NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor(AMQP_ACCEPTOR)).getActualPort();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded Artemis did not start", e);
        }
        return this;
    }

    private Configuration configuration() {
        // port 0 and the acceptor's actual port: no window in which another process can take it
        Map<String, Object> loopback = Map.of(TransportConstants.HOST_PROP_NAME, "127.0.0.1", TransportConstants.PORT_PROP_NAME, 0);
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                // a slow 2-core CI machine must not make the analyzer halt the broker mid-test
                .setCriticalAnalyzer(false)
                // a nearly full CI disk would otherwise block every producer
                .setMaxDiskUsage(-1)
                .addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), loopback, ACCEPTOR))
                // AMQP 1.0 on a port of its own, never 5672, which is RabbitMQ's
                .addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                        Map.of(TransportConstants.HOST_PROP_NAME, "127.0.0.1", TransportConstants.PORT_PROP_NAME, 0,
                                TransportConstants.PROTOCOLS_PROP_NAME, "AMQP"), AMQP_ACCEPTOR));
        // folders the broker still creates without persistence (paging, large messages) would otherwise
        // land under ./data, i.e. in the worktree
        config.setBrokerInstance(dataDir.toFile());
        return config;
    }

    /** For users of the broker who configure their own client, e.g. {@code tcp://127.0.0.1:61616}. */
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Its AMQP 1.0 acceptor, e.g. {@code amqp://127.0.0.1:45123}. */
    public String amqpUrl() {
        return "amqp://127.0.0.1:" + amqpPort;
    }

    public ConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(brokerUrl());
    }

    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not stop", e);
        } finally {
            broker = null;
            TempDirs.delete(dataDir);
        }
    }
}
