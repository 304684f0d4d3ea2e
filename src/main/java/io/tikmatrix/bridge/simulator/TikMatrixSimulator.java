package io.tikmatrix.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded stand-in for the TikMatrix Local API (see README, "The simulator"), served on 127.0.0.1: the
 * product runs against it with {@code --simulator}, and tests use it with injected faults and a clock they drive.
 */
public final class TikMatrixSimulator implements AutoCloseable {

    static {
        // The JDK server writes headers and body in two packets; with Nagle on, each answer then waits for
        // the client's delayed ACK (~40 ms on Linux loopback), which would cap the bridge at ~25 calls/s per
        // connection. It is read once, when the first server starts, hence here.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TikMatrixSimulator.class);
    private static final int THREADS = 8;

    private final SimulatorFaults faults = new SimulatorFaults();
    private final RequestJournal journal = new RequestJournal();
    private final TaskBook book;
    private final InventoryApi inventory;
    private final SimulatorExchangeHandler handler;
    private HttpServer server;
    private ExecutorService executor;

    public TikMatrixSimulator(SimulatorSettings settings) {
        this.book = new TaskBook(Objects.requireNonNull(settings, "settings"));
        TaskApi taskApi = new TaskApi(book, journal, settings);
        this.inventory = new InventoryApi(settings.inventory(), book);
        this.handler = new SimulatorExchangeHandler(new RequestRouter(taskApi, inventory), faults, journal);
    }

    /**
     * Starts serving on {@code port} of 127.0.0.1; 0 picks a free port (see {@link #port()}). A simulator that was
     * closed may start again, on the same port for a PC that comes back: its tasks and books are as it left them.
     */
    public synchronized TikMatrixSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("simulator already started on port " + port());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("simulator cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        LOG.info("simulator: TikMatrix Local API simulator listening on {}", baseUrl());
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("simulator not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/api/v1}, the value for {@code tikmatrix.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + SimulatorExchangeHandler.API_ROOT;
    }

    public SimulatorFaults faults() {
        return faults;
    }

    /** Requests received (faulted ones included) whose method matches and whose path, relative to /api/v1, starts with the prefix segment-wise. */
    public int requestCount(String method, String pathPrefix) {
        return journal.count(new RequestMatcher(method, pathPrefix));
    }

    /**
     * The requests {@link #requestCount} counts, in arrival order, each as its path relative to /api/v1 and its
     * raw query, if any ({@code /task?page=1&status=0}): for a test to tell the lists apart.
     */
    public List<String> requests(String method, String pathPrefix) {
        return journal.targets(new RequestMatcher(method, pathPrefix));
    }

    /** Bodies of the {@code POST /task} calls that created tasks, in arrival order. */
    public List<JsonNode> receivedTaskBodies() {
        return journal.acceptedTaskBodies();
    }

    /**
     * Queues {@code count} API tasks ({@code post}, on devices {@code queued-<n>}) that stay pending whatever
     * the clock says, as a queue behind busy devices does, until stopped or deleted: a long queue for a test,
     * without a request.
     *
     * @return their ids, in creation order
     */
    public List<Long> queueHeld(int count) {
        return book.hold(count);
    }

    /** Plugs a phone into this PC: {@code GET /rpc/devices} lists it from now on while it is online. */
    public void plugIn(SimulatedInventory.Device device) {
        inventory.plugIn(device);
    }

    /** Switches a phone of the device book off ({@code online} false) or on again. */
    public void setOnline(String serial, boolean online) {
        inventory.setOnline(serial, online);
    }

    /** Adds an account to the account book {@code GET /accounts} pages. */
    public void addAccount(SimulatedInventory.Account account) {
        inventory.add(account);
    }

    public List<Task> tasks() {
        return book.all();
    }

    public Optional<Task> task(long id) {
        return book.find(id);
    }

    /** Forgets the recorded requests and bodies; tasks stay. */
    public void resetCounters() {
        journal.reset();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        // interrupts handlers still sleeping in a delay fault
        executor.shutdownNow();
        server = null;
        LOG.info("simulator: stopped");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tikmatrix-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
