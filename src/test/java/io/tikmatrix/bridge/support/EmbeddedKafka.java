package io.tikmatrix.bridge.support;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * One Kafka node in KRaft combined mode (broker and controller) inside the test JVM, reachable only on
 * loopback. Topics are not created on first use, so a test states its partitions with {@link #createTopic}.
 * Either {@code @RegisterExtension static EmbeddedKafka kafka = new EmbeddedKafka();}
 * or {@code start()} in {@code @BeforeAll} and {@code close()} in {@code @AfterAll}.
 */
public final class EmbeddedKafka implements ClassScopedBroker {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private KafkaRaftServer server;
    private Admin admin;
    private Path logDir;
    private int brokerPort;

    @Override
    public EmbeddedKafka start() {
        try {
            logDir = Files.createTempDirectory("kafka-");
            // the controller's address is part of the quorum configuration, and KafkaRaftServer does not
            // expose the broker's bound port: both need a port known before start
            int controllerPort = freeLoopbackPort();
            brokerPort = freeLoopbackPort();
            KafkaConfig config = new KafkaConfig(properties(controllerPort), false);
            format();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            // returns once the broker is unfenced, i.e. ready for clients
            server.startup();
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded Kafka did not start", e);
        }
        return this;
    }

    private Properties properties(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        // one replica and one partition for the internal topics: a single node cannot hold three replicas,
        // and the first consumer group would otherwise wait for 50 offsets partitions to be created
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // fewer threads, and no 128 MB cleaner buffer, on a 2-core machine with a 1 GB test heap
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.enable", "false");
        return p;
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Features.PRODUCTION_FEATURES)
                .run();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic " + name + " was not created", e.getCause());
        }
    }

    /** Sends one record with a text value and waits until the broker has it. */
    public void send(String topic, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("record to " + topic + " was not sent", e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } finally {
            admin = null;
            server = null;
            TempDirs.delete(logDir);
        }
    }
}
