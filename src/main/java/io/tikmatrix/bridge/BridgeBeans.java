package io.tikmatrix.bridge;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tikmatrix.bridge.admin.AdminApi;
import io.tikmatrix.bridge.admin.ConsoleFiles;
import io.tikmatrix.bridge.admin.AdminPort;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.BridgeProperties;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.config.RetrySchedule;
import io.tikmatrix.bridge.deadletter.DeadLetters;
import io.tikmatrix.bridge.descriptor.FileInspector;
import io.tikmatrix.bridge.descriptor.InboxLimits;
import io.tikmatrix.bridge.events.AmqpBroker;
import io.tikmatrix.bridge.events.CloudEvents;
import io.tikmatrix.bridge.fleet.Fleet;
import io.tikmatrix.bridge.fleet.HostInventory;
import io.tikmatrix.bridge.fleet.HostRouting;
import io.tikmatrix.bridge.events.DeadLetterEvents;
import io.tikmatrix.bridge.events.DeliveryRounds;
import io.tikmatrix.bridge.events.EventDelivery;
import io.tikmatrix.bridge.events.EventDeliveryRoutes;
import io.tikmatrix.bridge.events.EventEndpoint;
import io.tikmatrix.bridge.events.EventFileRetention;
import io.tikmatrix.bridge.events.OutboxRetention;
import io.tikmatrix.bridge.events.WebhookSignature;
import io.tikmatrix.bridge.inbox.InboxFiles;
import io.tikmatrix.bridge.inbox.InboxWatch;
import io.tikmatrix.bridge.inbox.PutBackNotices;
import io.tikmatrix.bridge.inbox.ReceiptCollector;
import io.tikmatrix.bridge.intake.BusIntake;
import io.tikmatrix.bridge.intake.IntakeEndpoint;
import io.tikmatrix.bridge.intake.IntakeRoutes;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.licence.FilesWaitingForHosts;
import io.tikmatrix.bridge.licence.LicenceRefusal;
import io.tikmatrix.bridge.licence.LicenceHealthCheck;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.reconcile.Reconciliation;
import io.tikmatrix.bridge.schedule.LeftFireTimes;
import io.tikmatrix.bridge.schedule.ScheduleStart;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.InboxFileClaims;
import io.tikmatrix.bridge.store.StoreDataSource;
import io.tikmatrix.bridge.store.StoreLeadership;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.submit.ClaimsAhead;
import io.tikmatrix.bridge.submit.HostShares;
import io.tikmatrix.bridge.submit.Outcomes;
import io.tikmatrix.bridge.submit.SubmitSteps;
import io.tikmatrix.bridge.submit.TikMatrixCall;
import io.tikmatrix.bridge.tracking.StatusPoller;
import io.tikmatrix.bridge.tracking.StatusPolls;
import io.tikmatrix.bridge.tracking.StatusText;
import io.tikmatrix.bridge.tracking.TaskQueries;
import io.tikmatrix.bridge.tracking.TaskTracker;
import io.tikmatrix.bridge.validation.SchemaDescriptorValidator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's one configuration class, which Camel Main calls before it loads the routes: it binds every
 * bean the YAML routes call, under the name they use, with Quartz on the store, the schedules' start,
 * one delivery route per event endpoint and one intake route per bus endpoint. It is made by {@link #check},
 * which reads the configuration from Camel's properties component before Camel Main does anything, so a bad key or schedule is what the
 * operator reads first. What it opens, {@link #close()} closes.
 */
final class BridgeBeans implements CamelConfiguration, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeBeans.class);
    /** TikMatrix's task statuses run from 0, pending, to 3, failed. */
    private static final int LAST_TASK_STATUS = 3;
    /** Beyond TikMatrix's: for the webhook endpoints, each delivering one event at a time. */
    private static final int WEBHOOK_CONNECTIONS = 20;

    private final Path home;
    private final BridgeConfig config;
    private final SchemaDescriptorValidator validator;
    private final ScheduleStart schedules;
    private final Clock clock;
    private HikariDataSource dataSource;
    private SubmissionJournal journal;
    private ExecutorService submitPool;
    private LicenceGate licenceGate;

    private BridgeBeans(Path home, BridgeConfig config, SchemaDescriptorValidator validator, ScheduleStart schedules,
                        Clock clock) {
        this.home = home;
        this.config = config;
        this.validator = validator;
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * Reads and checks what a start needs before anything runs or opens: the configuration (as Camel Main's
     * properties component will hold it), the admin port, the schedules file.
     *
     * @param home      the bridge's directory, which relative folders are under
     * @param overrides keys set above every file
     * @param clock     the time every bean reads
     * @throws InvalidConfigurationException    naming each key at fault
     * @throws io.tikmatrix.bridge.schedule.InvalidSchedulesException naming each schedule and field at fault
     */
    static BridgeBeans check(Path home, Map<String, String> overrides, Clock clock) throws IOException {
        BridgeConfig config = BridgeConfig.load(home, overrides);
        requireAdminPort(config);
        SchemaDescriptorValidator validator = new SchemaDescriptorValidator();
        ScheduleStart schedules = ScheduleStart.load(config.path("bridge.schedules.file"),
                config.duration("bridge.schedules.misfire-threshold"), validator);
        return new BridgeBeans(home, config, validator, schedules, clock);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // the routes' {{bridge.inbox.dir}} must be the folder the check created, not one relative to the JVM's directory
        BridgeProperties.normalizeValues(context.getPropertiesComponent(), home);
        AdminPort.apply(context, config);
        // calls in flight may finish within their time-outs; what waits for a retry stays in the journal for the next start
        context.getShutdownStrategy().setTimeout(Math.max(1, config.duration("tikmatrix.connect-timeout")
                .plus(config.duration("tikmatrix.response-timeout")).toSeconds()));
        dataSource = StoreDataSource.open(
                config.get("bridge.store.jdbc-url"), config.get("bridge.store.username"), config.get("bridge.store.password"));
        journal = journal();
        Fleet fleet = Fleet.from(config);
        Map<String, String> baseUrls = new LinkedHashMap<>();
        fleet.hosts().forEach(host -> baseUrls.put(host.name(), host.baseUrl()));
        licenceGate = new LicenceGate(baseUrls);
        submitPool = submitPool(config.integer("bridge.api.concurrency"));

        List<EventEndpoint> endpoints = EventEndpoint.list(config.get("bridge.events.endpoints"),
                config.path("bridge.dead-letter.dir"), new WebhookSignature(config.webhookSecrets(), clock));
        EventOutbox outbox = new EventOutbox(dataSource, endpoints.stream().map(EventEndpoint::name).toList(),
                config.duration("bridge.cluster.failover"), clock);
        TaskStore taskStore = new TaskStore(dataSource, outbox, clock);
        TaskTracker tracker = new TaskTracker(taskStore, new CloudEvents(), clock);
        Map<String, TaskQueries> taskQueries = new LinkedHashMap<>();
        baseUrls.forEach((host, url) -> taskQueries.put(host, new TaskQueries(context.createProducerTemplate(), url)));
        Reconciliation reconciliation = new Reconciliation(taskQueries, taskStore, journal);
        RetrySchedule apiRetry = RetrySchedule.of(config, "bridge.retry");
        BridgeMetrics metrics = metrics(context, taskStore, outbox, endpoints);
        Outcomes outcomes = new Outcomes(metrics);

        Registry beans = context.getRegistry();
        beans.bind("clock", clock);
        // derived values of the defaults file ({{bean:bridgeConfig.…}})
        beans.bind("bridgeConfig", config);
        beans.bind("storeDataSource", dataSource);
        PoolingHttpClientConnectionManager httpConnections = httpConnections();
        beans.bind("httpConnections", httpConnections);
        beans.bind("submissionJournal", journal);
        beans.bind("licenceGate", licenceGate);
        beans.bind("licenceRefusal", new LicenceRefusal(licenceGate));
        beans.bind("filesWaitingForHosts", new FilesWaitingForHosts(licenceGate));
        beans.bind("licenceHealthCheck", new LicenceHealthCheck(licenceGate));
        beans.bind("submitPool", submitPool);
        shareTheInbox(context);
        InboxFiles inboxFiles = inboxFiles(new ClaimsAhead(journal, reconciliation::highestTaskId, !fleet.several(),
                config.integer("bridge.api.concurrency")));
        beans.bind("inboxFiles", inboxFiles);
        beans.bind("inboxWatch", inboxWatch());
        beans.bind("busIntake", new BusIntake(inboxFiles));
        beans.bind("intakeRoutes", new IntakeRoutes(IntakeEndpoint.list(config.get("bridge.intake.endpoints"))));
        beans.bind("receiptCollector", new ReceiptCollector());
        beans.bind("putBackNotices", new PutBackNotices(clock));
        beans.bind("apiRetry", apiRetry);
        beans.bind("bridgeMetrics", metrics);
        SubmitSteps submitSteps = new SubmitSteps(journal, validator, tracker, apiRetry, reconciliation::highestTaskId, outcomes, clock);
        beans.bind("submitSteps", submitSteps);
        // the retryWhile predicates of routes/error-handling.camel.yaml
        beans.bind("retryBudgetLeft", (Predicate) submitSteps::mayRetry);
        beans.bind("licenceWaitGoesOn", (Predicate) licenceGate::mayWait);
        beans.bind("tikmatrixCall", new TikMatrixCall(metrics, clock, baseUrls, tikmatrixClient(httpConnections)));
        HostInventory inventory = new HostInventory(fleet, config);
        beans.bind("fleet", fleet);
        beans.bind("hostInventory", inventory);
        beans.bind("hostShares", new HostShares(List.copyOf(baseUrls.keySet()), new HostRouting(fleet, inventory), validator, outcomes));
        beans.bind("reconciliation", reconciliation);
        DeadLetterEvents deadLetterEvents = new DeadLetterEvents(outbox, clock);
        beans.bind("deadLetters", new DeadLetters(config, journal, outcomes, metrics, clock, deadLetterEvents::announce));
        beans.bind("taskTracker", tracker);
        beans.bind("statusPoller", new StatusPolls(taskQueries.entrySet().stream()
                .map(host -> new StatusPoller(host.getKey(), host.getValue(), tracker)).toList()));
        beans.bind("statusPollLeadership", statusPollLeadership(context));
        beans.bind("eventDelivery", new EventDelivery(outbox, endpoints, RetrySchedule.of(config, "bridge.events.retry"), clock));
        beans.bind("outboxRetention", new OutboxRetention(outbox, config.duration("bridge.events.retention"), clock));
        beans.bind("eventFileRetention", new EventFileRetention(endpoints, config.duration("bridge.events.file.retention"), clock));
        beans.bind("eventDeliveryRoutes", new EventDeliveryRoutes(endpoints));
        context.addService(new DeliveryRounds(endpoints, outbox, config.duration("bridge.events.delivery-interval"), clock));
        beans.bind("adminApi", new AdminApi(licenceGate, metrics, journal, taskStore, outbox, endpoints.stream().map(EventEndpoint::name).toList(),
                schedules.reload(), config, clock));
        beans.bind("consoleFiles", new ConsoleFiles());
        beans.bind("amqpConnectionFactory", AmqpBroker.connectionFactory(
                config.get("bridge.amqp.url"), config.get("bridge.amqp.username"), config.get("bridge.amqp.password")));
        beans.bind("scheduleFirings", schedules.firings());
        beans.bind("leftFireTimes", new LeftFireTimes(journal, schedules.firings(), StoreDataSource.isShared(dataSource)));
        beans.bind("schedulesReload", schedules.reload());
        schedules.prepare(context, dataSource, config.duration("bridge.cluster.failover"), clock);
    }

    /**
     * Bridges sharing a PostgreSQL store share the inbox folder too, on the network, where the system of one PC is not
     * told of a file another PC writes: they look at it every poll interval, empty or not. A store of its own: an empty
     * inbox is watched.
     */
    private InboxWatch inboxWatch() {
        Duration pollInterval = config.duration("bridge.inbox.poll-interval");
        return new InboxWatch(pollInterval, StoreDataSource.isPostgres(dataSource) ? pollInterval : config.duration("bridge.inbox.empty-poll-interval"));
    }

    /**
     * Bridges sharing a PostgreSQL store share the inbox folder too, and exactly one of them reads each file: camel-file's
     * idempotent read lock (still waiting for the file to be stable) on the store's {@link InboxFileClaims}. A dead
     * bridge's claims run out after {@code bridge.cluster.failover} and its files go to another bridge, which settles
     * their lines' claims as after any crash. A store of its own: the inbox reads with the plain {@code changed} lock.
     */
    private void shareTheInbox(CamelContext context) throws Exception {
        if (!StoreDataSource.isPostgres(dataSource)) {
            return;
        }
        InboxFileClaims claims = new InboxFileClaims(dataSource, config.duration("bridge.cluster.failover"), clock);
        context.addService(claims);
        context.getRegistry().bind("inboxFileClaims", claims);
        context.getPropertiesComponent().addOverrideProperty("bridge.cluster.inbox.read-lock", "idempotent-changed");
        context.getPropertiesComponent().addOverrideProperty("bridge.cluster.inbox.claims", "#inboxFileClaims");
    }

    /**
     * Bridges sharing a PostgreSQL store poll TikMatrix through one of them, so the API's load does not grow with
     * their number: the status-poll route runs only on the leader of the store's {@code status-poll} lock, and another
     * bridge takes it over within {@code bridge.cluster.failover} of the leader's death. A store of its own: this
     * bridge polls.
     */
    private RoutePolicy statusPollLeadership(CamelContext context) throws Exception {
        if (!StoreDataSource.isPostgres(dataSource)) {
            return new RoutePolicySupport() {
            };
        }
        // the lock goes with a dead bridge's session at once; a third of the fail-over is the longest wait for the next try
        StoreLeadership leadership = new StoreLeadership(dataSource, config.duration("bridge.cluster.failover").dividedBy(3));
        context.addService(leadership);
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(leadership, "status-poll");
        policy.setInitialDelay(Duration.ZERO);
        return policy;
    }

    /**
     * The bridge's meters, on the registry camel-micrometer-prometheus serves at /observe/metrics (it binds one under
     * Camel's name when the admin port is on; whichever of the two comes first, the other finds it). With the admin
     * port off nothing serves it, and the bridge counts all the same.
     */
    private BridgeMetrics metrics(CamelContext context, TaskStore taskStore, EventOutbox outbox, List<EventEndpoint> endpoints) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        BridgeMetrics metrics = new BridgeMetrics(registry, BridgeConfig.DEAD_LETTER_KEYS, clock);
        for (int status = 0; status <= LAST_TASK_STATUS; status++) {
            int counted = status;
            metrics.trackTasks(StatusText.of(status), () -> taskStore.countByStatus().getOrDefault(counted, 0L));
        }
        endpoints.forEach(endpoint -> metrics.trackEventsWaiting(endpoint.name(), () -> outbox.waiting(endpoint.name())));
        metrics.trackIntake(licenceGate::isOpen);
        return metrics;
    }

    /**
     * Camel's management server logs a port it cannot bind and runs on without the admin port; a bridge
     * must not run half-started, so the port is tried before anything starts and a taken one stops the start.
     */
    private static void requireAdminPort(BridgeConfig config) {
        if (!Boolean.parseBoolean(config.get("bridge.admin.enabled"))) {
            return;
        }
        int port = config.integer("bridge.admin.port");
        String host = config.get("bridge.admin.host");
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of(
                    config.nameOf("bridge.admin.port") + ": port " + port + " on " + host + " cannot be had (" + e.getMessage() + ")"));
        }
    }

    private SubmissionJournal journal() {
        SubmissionJournal journal = new SubmissionJournal(dataSource, config.duration("bridge.store.claim-lease"), clock);
        if (!StoreDataSource.isShared(dataSource)) {
            int left = journal.expireLeftoverClaims();
            if (left > 0) {
                LOG.warn("{} descriptor(s) were in flight when the bridge last stopped; they are settled with TikMatrix"
                        + " and resumed when their files are read again", left);
            }
        }
        return journal;
    }

    private InboxFiles inboxFiles(ClaimsAhead claimsAhead) throws IOException {
        InboxFiles inboxFiles = new InboxFiles(new FileInspector(config.charset("bridge.inbox.csv-charset")), validator,
                new InboxLimits(config.integer("bridge.inbox.max-descriptor-size"), config.integer("bridge.inbox.max-field-length")),
                config.path("bridge.data-dir").resolve("staging").resolve("inbox"),
                config.path("bridge.receipts.dir"), config.path("bridge.archive.dir"), claimsAhead, clock);
        inboxFiles.clearLeftovers();
        return inboxFiles;
    }

    /**
     * The one connection pool of camel-http (the defaults file's {@code camel.component.http.client-connection-manager}),
     * kept alive between calls: without it camel-http makes a pool, and an SSL context, for every endpoint. Its
     * time-outs are the {@code tikmatrix.*} ones, since a pool given to camel-http no longer takes its socket options.
     */
    private PoolingHttpClientConnectionManager httpConnections() {
        Timeout connect = Timeout.of(config.duration("tikmatrix.connect-timeout"));
        Timeout response = Timeout.of(config.duration("tikmatrix.response-timeout"));
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new TlsOnFirstUse())
                .setMaxConnPerRoute(config.apiConnections())
                .setMaxConnTotal(config.apiConnections() + WEBHOOK_CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(response).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(response).build())
                .build();
    }

    /**
     * The JVM's default TLS, set up at the first https connection (a webhook's, say) instead of when the pool is made:
     * setting it up loads and parses the JVM's trust store, about 400 classes and a tenth of a second of every start
     * for a bridge that calls TikMatrix over http only.
     */
    private static final class TlsOnFirstUse implements TlsSocketStrategy {
        private volatile TlsSocketStrategy tls;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
            TlsSocketStrategy t = tls;
            if (t == null) {
                synchronized (this) {
                    if (tls == null) {
                        tls = DefaultClientTlsStrategy.createDefault();
                    }
                    t = tls;
                }
            }
            return t.upgrade(socket, target, port, attachment, context);
        }
    }

    /**
     * The client of {@code POST /task}, on the same pool: set up once, where a camel-http endpoint sets up a request
     * from the exchange's headers at every call (docs/BENCHMARKS.md, session 9). Like camel-http's here, it retries
     * nothing itself (the submit route decides what is tried again), follows no redirect and keeps no cookie.
     */
    private CloseableHttpClient tikmatrixClient(PoolingHttpClientConnectionManager connections) {
        return HttpClients.custom()
                .setConnectionManager(connections)
                // the pool is camel-http's too, and closed with it
                .setConnectionManagerShared(true)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(config.duration("tikmatrix.connect-timeout")))
                        .setResponseTimeout(Timeout.of(config.duration("tikmatrix.response-timeout")))
                        .build())
                .build();
    }

    /**
     * API calls run on a pool the size of bridge.api.concurrency. Its queue is short and a full queue
     * runs the task on the reading thread, which slows reading down to the pace of the API instead of
     * piling up a big file's descriptors in memory. As short as the pool: the descriptors waiting in it are
     * claimed already (ClaimsAhead), and each is one more to settle with TikMatrix after a kill.
     */
    private static ExecutorService submitPool(int concurrency) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency),
                r -> {
                    Thread t = new Thread(r, "submit-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    BridgeConfig config() {
        return config;
    }

    LicenceGate licenceGate() {
        return licenceGate;
    }

    /** Closes what {@link #configure} opened, as far as it got. */
    @Override
    public void close() {
        try {
            if (submitPool != null) {
                submitPool.shutdownNow();
            }
        } finally {
            try {
                if (journal != null) {
                    // records queued for a commit that no receipt awaited (a file left for the next start) are kept
                    journal.flush();
                }
            } finally {
                if (dataSource != null) {
                    dataSource.close();
                }
            }
        }
    }
}
