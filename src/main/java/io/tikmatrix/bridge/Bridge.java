package io.tikmatrix.bridge;

import com.zaxxer.hikari.HikariDataSource;
import io.tikmatrix.bridge.api.TikMatrixCall;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.BridgeProperties;
import io.tikmatrix.bridge.config.RetrySchedule;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.deadletter.DeadLetters;
import io.tikmatrix.bridge.descriptor.FileInspector;
import io.tikmatrix.bridge.descriptor.InboxLimits;
import io.tikmatrix.bridge.events.EventsWiring;
import io.tikmatrix.bridge.inbox.InboxFiles;
import io.tikmatrix.bridge.inbox.ReceiptCollector;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.licence.LicenceHealthCheck;
import io.tikmatrix.bridge.reconcile.Reconciliation;
import io.tikmatrix.bridge.reconcile.TaskIdOrder;
import io.tikmatrix.bridge.schedule.SchedulesWiring;
import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.submit.SubmitSteps;
import io.tikmatrix.bridge.validation.SchemaDescriptorValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running bridge: the Camel context with the YAML routes of {@code routes/}, and the beans they
 * call. The launcher and the tests start it the same way.
 */
public final class Bridge implements AutoCloseable {

    /** Routes that take in new work; the licence gate holds them. */
    static final List<String> INTAKE_ROUTES = List.of("inbox");

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final Main main;
    private final HikariDataSource dataSource;
    private final ExecutorService submitPool;
    private final LicenceGate licenceGate;

    private final BridgeConfig config;

    private Bridge(Main main, BridgeConfig config, HikariDataSource dataSource, ExecutorService submitPool, LicenceGate licenceGate) {
        this.main = main;
        this.config = config;
        this.dataSource = dataSource;
        this.submitPool = submitPool;
        this.licenceGate = licenceGate;
    }

    /**
     * @param home      the bridge's directory: its {@code routes/} and {@code config/application.properties}, and
     *                  what relative folders are under
     * @param overrides keys set above every file (tests, {@code --simulator}), as Camel's override properties
     * @throws InvalidConfigurationException naming each key at fault, before anything starts
     */
    public static Bridge start(Path home, Map<String, String> overrides) throws Exception {
        // descriptors carry Devanagari and emoji; Camel's text conversions must not follow a Windows or
        // POSIX-locale default charset
        if (System.getProperty(Exchange.DEFAULT_CHARSET_PROPERTY) == null) {
            System.setProperty(Exchange.DEFAULT_CHARSET_PROPERTY, StandardCharsets.UTF_8.name());
        }
        BridgeConfig config = BridgeConfig.load(home, overrides);
        requireHealthPort(config);
        SchemaDescriptorValidator validator = new SchemaDescriptorValidator();
        SchedulesWiring schedules = SchedulesWiring.load(config, validator);
        HikariDataSource dataSource = StoreDataSource.open(
                config.get("bridge.store.jdbc-url"), config.get("bridge.store.username"), config.get("bridge.store.password"));
        SubmissionJournal journal = new SubmissionJournal(dataSource, config.duration("bridge.store.claim-lease"));
        if (!StoreDataSource.isShared(dataSource)) {
            int left = journal.expireLeftoverClaims();
            if (left > 0) {
                LOG.warn("{} descriptor(s) were in flight when the bridge last stopped; they are settled with TikMatrix"
                        + " and resumed when their files are read again", left);
            }
        }
        LicenceGate licenceGate = new LicenceGate(INTAKE_ROUTES);
        ExecutorService submitPool = submitPool(config.integer("bridge.api.concurrency"));

        Main main = new Main();
        main.configure().setName("tikmatrix-bridge");
        // calls in flight may finish within their time-outs; what waits for a retry stays in the journal for the next start
        main.configure().setShutdownTimeout((int) Math.max(1, config.duration("tikmatrix.connect-timeout")
                .plus(config.duration("tikmatrix.response-timeout")).toSeconds()));
        main.configure().withRoutesIncludePattern("file:" + home.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
        main.setPropertyPlaceholderLocations(BridgeProperties.locations(home));
        main.setOverrideProperties(BridgeProperties.overrides(overrides));
        main.bind("storeDataSource", dataSource);
        main.bind("licenceGate", licenceGate);
        main.bind("licenceHealthCheck", new LicenceHealthCheck(licenceGate));
        main.bind("submitPool", submitPool);
        InboxFiles inboxFiles = new InboxFiles(new FileInspector(), validator,
                new InboxLimits(config.integer("bridge.inbox.max-descriptor-size"), config.integer("bridge.inbox.max-field-length")),
                config.path("bridge.data-dir").resolve("staging").resolve("inbox"),
                config.path("bridge.receipts.dir"), config.path("bridge.archive.dir"));
        inboxFiles.clearLeftovers();
        main.bind("inboxFiles", inboxFiles);
        main.bind("receiptCollector", new ReceiptCollector());
        EventsWiring events = EventsWiring.bind(main, config, dataSource);
        Reconciliation reconciliation = new Reconciliation(events.taskQueries(), events.taskStore(), journal,
                new TaskIdOrder(events.taskStore().highestTaskId()));
        main.bind("reconciliation", reconciliation);
        RetrySchedule apiRetry = RetrySchedule.of(config, "bridge.retry");
        main.bind("apiRetry", apiRetry);
        main.bind("submitSteps", new SubmitSteps(journal, validator, events.tracker(), apiRetry, reconciliation::highestTaskId));
        main.bind("submissionJournal", journal);
        main.bind("tikmatrixCall", new TikMatrixCall(licenceGate));
        main.bind("deadLetters", new DeadLetters(journal));
        schedules.bind(main, dataSource);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                CamelContext context = support.getCamelContext();
                BridgeProperties.normalizeValues(context.getPropertiesComponent(), home);
                licenceGate.setCamelContext(context);
            }
        });
        Bridge bridge = new Bridge(main, config, dataSource, submitPool, licenceGate);
        try {
            main.start();
        } catch (Exception e) {
            bridge.close();
            throw e;
        }
        return bridge;
    }

    /**
     * Camel's management server logs a port it cannot bind and runs on without /observe/health; a bridge
     * must not run half-started, so the port is tried before anything starts and a taken one stops the start.
     */
    private static void requireHealthPort(BridgeConfig config) {
        if (!Boolean.parseBoolean(config.get("bridge.health.enabled"))) {
            return;
        }
        int port = config.integer("bridge.health.port");
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(
                    "bridge.health.port: port " + port + " on 127.0.0.1 cannot be had (" + e.getMessage() + ")"));
        }
    }

    /**
     * API calls run on a pool the size of bridge.api.concurrency. Its queue is short and a full queue
     * runs the task on the reading thread, which slows reading down to the pace of the API instead of
     * piling up a big file's descriptors in memory.
     */
    private static ExecutorService submitPool(int concurrency) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency * 4),
                r -> {
                    Thread t = new Thread(r, "submit-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** The configuration it runs with, as read at its start. */
    public BridgeConfig config() {
        return config;
    }

    public LicenceGate licenceGate() {
        return licenceGate;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            submitPool.shutdownNow();
            dataSource.close();
        }
    }
}
