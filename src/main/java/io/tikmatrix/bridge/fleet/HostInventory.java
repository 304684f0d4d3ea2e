package io.tikmatrix.bridge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.api.ApiEnvelope;
import io.tikmatrix.bridge.config.BridgeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Which device serials and account usernames each host has: learned from each host's {@code GET /rpc/devices}
 * and {@code GET /accounts} (API reference 4.11, 4.12; their item shapes are undocumented and detected), plus
 * its static map ({@code tikmatrix.hosts.<name>.devices} / {@code .accounts}). A device an account names is the
 * host's too, online or not: {@code GET /rpc/devices} lists only online phones, and a task for an offline one
 * waits in that host's queue. A host that does not answer keeps what it was last known to have.
 * With one host nothing is asked: every serial and username is that host's.
 */
public final class HostInventory {

    /** Where a serial or username of a host's inventory came from. */
    public enum Origin { DISCOVERED, STATIC }

    /**
     * What one host is known to have.
     *
     * @param serials      its device serials, each with where it came from (discovered wins over static)
     * @param usernames    its account usernames, likewise
     * @param discoveredAt when the host last answered the discovery; empty while it never has
     */
    public record Known(Map<String, Origin> serials, Map<String, Origin> usernames, Optional<Instant> discoveredAt) {
    }

    /** An unknown name refreshes every host at most this often, for a phone plugged in since the last refresh. */
    static final Duration EXTRA_REFRESH_SPACING = Duration.ofSeconds(10);
    /** The documented maximum {@code page_size} of {@code GET /accounts}. */
    private static final int PAGE_SIZE = 100;
    /** 10,000 accounts: far beyond a PC's 100 phones; past it the list is taken to be broken, not long. */
    private static final int MAX_PAGES = 100;
    private static final String DEVICES = "rpc/devices";
    private static final String ACCOUNTS = "accounts";
    private static final List<String> SERIAL_FIELDS = List.of("serial", "device_serial", "udid", "device", "id");
    private static final List<String> USERNAME_FIELD = List.of("username");
    private static final List<String> ACCOUNT_DEVICE_FIELDS = List.of("device", "serial", "device_serial");
    private static final Logger LOG = LoggerFactory.getLogger(HostInventory.class);

    private final Fleet fleet;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private volatile HttpClient http;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** Per host, the last inventory line logged, so it is logged again only when it changes. */
    private final Map<String, String> logged = new ConcurrentHashMap<>();
    /** The hosts in an outage, warned about once each. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /** "host endpoint" for each endpoint a host lacks, warned about once while it does. */
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    /** The devices and accounts two hosts claim, warned about once each. */
    private final Set<String> shared = ConcurrentHashMap.newKeySet();
    private final Object refreshing = new Object();
    private long lastExtraRefresh;
    private boolean extraRefreshed;

    /** Every request to a host waits at most {@code tikmatrix.response-timeout} for its answer. */
    public HostInventory(Fleet fleet, BridgeConfig config) {
        this.fleet = fleet;
        this.connectTimeout = config.duration("tikmatrix.connect-timeout");
        this.responseTimeout = config.duration("tikmatrix.response-timeout");
        if (fleet.several()) {
            fleet.hosts().forEach(host -> known.put(host.name(), staticOnly(host.name())));
        }
    }

    /**
     * A client that connects within {@code tikmatrix.connect-timeout}, as the API calls of the routes do, made at the
     * first request: a JDK client sets up TLS as it is made (the trust store, about 400 classes, a tenth of a second
     * of the start), which a bridge that never asks a host for its devices does not need.
     */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
                }
                client = http;
            }
        }
        return client;
    }

    /**
     * Asks every host, all at once, for its devices and accounts: one host down or slow does not hold the others
     * back, and keeps its last inventory. With one host it does nothing.
     */
    public void refresh() {
        if (!fleet.several()) {
            return;
        }
        synchronized (refreshing) {
            List<Host> hosts = fleet.hosts();
            ExecutorService threads = Executors.newFixedThreadPool(hosts.size(), runnable -> {
                Thread thread = new Thread(runnable, "host-inventory");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Callable<Optional<String>>> calls = new ArrayList<>();
                hosts.forEach(host -> calls.add(() -> refresh(host)));
                // logged in host order, whichever host answered first
                for (Future<Optional<String>> line : threads.invokeAll(calls)) {
                    line.get().ifPresent(text -> LOG.info("{}", text));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("host inventory refresh failed", e.getCause());
            } finally {
                threads.shutdownNow();
            }
            warnShared();
        }
    }

    /** The host that has this device: the first in host order when two claim it. Always the host when there is one. */
    public Optional<String> hostOfSerial(String serial) {
        return hostHaving(serial, Known::serials);
    }

    /** The host that has this account: the first in host order when two claim it. Always the host when there is one. */
    public Optional<String> hostOfAccount(String username) {
        return hostHaving(username, Known::usernames);
    }

    /** Per host, in host order, what it is known to have; empty with one host, which is never asked. */
    public Map<String, Known> known() {
        Map<String, Known> all = new LinkedHashMap<>();
        if (fleet.several()) {
            fleet.hosts().forEach(host -> all.put(host.name(), known.get(host.name())));
        }
        return all;
    }

    /** The hosts that have not answered the discovery since the start: what they have is not known yet. */
    public List<String> silentHosts() {
        return fleet.hosts().stream().map(Host::name).filter(host -> known.get(host).discoveredAt().isEmpty()).toList();
    }

    /**
     * A refresh for a name no host is known to have, unless one was made for that reason within
     * {@link #EXTRA_REFRESH_SPACING}: a phone plugged in since the last refresh is found, a name no host has does
     * not make every descriptor ask every host.
     *
     * @return whether it refreshed
     */
    boolean refreshForUnknown() {
        synchronized (refreshing) {
            long now = System.nanoTime();
            if (extraRefreshed && now - lastExtraRefresh < EXTRA_REFRESH_SPACING.toNanos()) {
                return false;
            }
            extraRefreshed = true;
            lastExtraRefresh = now;
            refresh();
            return true;
        }
    }

    private Optional<String> hostHaving(String name, Function<Known, Map<String, Origin>> names) {
        if (!fleet.several()) {
            return Optional.of(Fleet.DEFAULT_HOST);
        }
        return fleet.hosts().stream().map(Host::name)
                .filter(host -> names.apply(known.get(host)).containsKey(name)).findFirst();
    }

    /** @return the line saying what the host has, when it differs from the one logged before */
    private Optional<String> refresh(Host host) {
        String name = host.name();
        Discovered devices;
        Discovered accounts;
        try {
            devices = devices(host);
            accounts = accounts(host);
        } catch (IOException e) {
            if (down.add(name)) {
                Known last = known.get(name);
                LOG.warn("{}: not answering ({}); it keeps its last known {} devices, {} accounts until it answers", name,
                        e.getMessage(), last.serials().size(), last.usernames().size());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (down.remove(name)) {
            LOG.info("{}: answering again", name);
        }
        List<String> serials = new ArrayList<>(devices.names());
        serials.addAll(accounts.devices());
        // GET /rpc/devices lists the phones online now: one seen before stays its host's while it is off, since
        // TikMatrix queues a task for it
        known.get(name).serials().forEach((serial, origin) -> {
            if (origin == Origin.DISCOVERED && !serials.contains(serial)) {
                serials.add(serial);
            }
        });
        Known inventory = inventory(name, serials, accounts.names(), Optional.of(Instant.now()));
        known.put(name, inventory);

        String line = name + ": " + inventory.serials().size() + " devices (" + devices.source(fleet.staticDevices(name).size())
                + "), " + inventory.usernames().size() + " accounts (" + accounts.source(fleet.staticAccounts(name).size()) + ")";
        return line.equals(logged.put(name, line)) ? Optional.empty() : Optional.of(line);
    }

    /**
     * What one endpoint gave.
     *
     * @param names   serials or usernames, in the order listed
     * @param devices the serials the accounts name (accounts only)
     * @param endpoint {@code rpc/devices} or {@code accounts}
     * @param where   where the names were found ({@code data[].serial}), or null when the endpoint is missing
     */
    private record Discovered(List<String> names, List<String> devices, String endpoint, String where) {

        static Discovered missing(String endpoint) {
            return new Discovered(List.of(), List.of(), endpoint, null);
        }

        String source(int staticCount) {
            String found = where == null ? "static map, " + endpoint + " missing" : endpoint + ": " + where;
            return where != null && staticCount > 0 ? found + " + " + staticCount + " static" : found;
        }
    }

    private Discovered devices(Host host) throws IOException, InterruptedException {
        Optional<JsonNode> data = get(host, DEVICES, "/rpc/devices");
        if (data.isEmpty()) {
            return Discovered.missing(DEVICES);
        }
        Items items = Items.of(data.get(), DEVICES);
        List<String> serials = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode item : items.list()) {
            if (item.isTextual() && !item.asText().isEmpty()) {
                serials.add(item.asText());
                fields.add("");
            } else {
                textField(item, SERIAL_FIELDS).ifPresent(field -> {
                    serials.add(item.get(field).asText());
                    fields.add("." + field);
                });
            }
        }
        return new Discovered(serials, List.of(), DEVICES, items.where() + "[]" + String.join("|", fields));
    }

    private Discovered accounts(Host host) throws IOException, InterruptedException {
        List<String> usernames = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String where = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            Optional<JsonNode> data = get(host, ACCOUNTS, "/accounts?page=" + page + "&page_size=" + PAGE_SIZE);
            if (data.isEmpty()) {
                return Discovered.missing(ACCOUNTS);
            }
            Items items = Items.of(data.get(), ACCOUNTS);
            where = items.where() + "[].username";
            int before = seen.size();
            for (JsonNode account : items.list()) {
                seen.add(account.hasNonNull("id") ? account.get("id").asText() : account.toString());
                textField(account, USERNAME_FIELD).ifPresent(field -> usernames.add(account.get(field).asText()));
                textField(account, ACCOUNT_DEVICE_FIELDS).ifPresent(field -> devices.add(account.get(field).asText()));
            }
            JsonNode total = data.get().path("total");
            // a server may serve fewer than asked, so only its total, an empty page or a page of nothing new ends it
            if (items.list().isEmpty() || seen.size() == before || total.canConvertToLong() && seen.size() >= total.asLong()) {
                break;
            }
            if (page == MAX_PAGES) {
                LOG.warn("{}: GET /accounts still had accounts after {} pages; the rest are not read", host.name(), MAX_PAGES);
            }
        }
        return new Discovered(usernames.stream().distinct().toList(), devices.stream().distinct().toList(), ACCOUNTS, where);
    }

    /** The list of a {@code data}: {@code data} itself, or the first array inside it. */
    private record Items(List<JsonNode> list, String where) {

        static Items of(JsonNode data, String endpoint) throws IOException {
            if (data.isArray()) {
                return new Items(elements(data), "data");
            }
            for (Map.Entry<String, JsonNode> field : data.properties()) {
                if (field.getValue().isArray()) {
                    return new Items(elements(field.getValue()), "data." + field.getKey());
                }
            }
            // not the data itself: an account's e-mail is no business of the log
            throw new IOException("GET " + endpoint + ": no list in its data");
        }

        private static List<JsonNode> elements(JsonNode array) {
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(elements::add);
            return elements;
        }
    }

    /** The first of the fields whose value is a text, not empty: an {@code id} that is a number is no serial. */
    private static Optional<String> textField(JsonNode item, List<String> fields) {
        return fields.stream().filter(field -> item.path(field).isTextual() && !item.path(field).asText().isEmpty()).findFirst();
    }

    /**
     * The {@code data} of a successful answer; empty, warned about once, when the host lacks the endpoint (HTTP 404,
     * an answer that is no envelope) or refuses it (an envelope with a code other than 0: a plan without it).
     *
     * @throws IOException when the host does not answer, or answers a server error without an envelope
     */
    private Optional<JsonNode> get(Host host, String endpoint, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.baseUrl() + pathAndQuery))
                .timeout(responseTimeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("GET " + endpoint + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        int status = response.statusCode();
        Optional<ApiEnvelope> envelope = status == 404 ? Optional.empty() : ApiEnvelope.parse(response.body());
        if (envelope.isEmpty() && status >= 500) {
            throw new IOException("GET " + endpoint + ": HTTP " + status);
        }
        String warning = host.name() + " " + endpoint;
        if (envelope.isEmpty() || !envelope.get().ok()) {
            if (missing.add(warning)) {
                String why = envelope.map(e -> "code " + e.code() + " " + e.message()).orElse("HTTP " + status + ", no envelope");
                LOG.warn("{}: GET {} is missing ({}); its static map tikmatrix.hosts.{}.{} is used", host.name(), endpoint,
                        why, host.name(), endpoint.equals(DEVICES) ? "devices" : "accounts");
            }
            return Optional.empty();
        }
        missing.remove(warning);
        return Optional.of(envelope.get().data());
    }

    /** A device or account two hosts claim goes to the first: said once. */
    private void warnShared() {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Host host : fleet.hosts()) {
            Known inventory = known.get(host.name());
            inventory.serials().keySet().forEach(serial -> {
                String first = owner.putIfAbsent("device " + serial, host.name());
                if (first != null && shared.add("device " + serial)) {
                    LOG.warn("device {} is on {} and {}: it goes to {}", serial, first, host.name(), first);
                }
            });
            inventory.usernames().keySet().forEach(username -> {
                String first = owner.putIfAbsent("account " + username, host.name());
                if (first != null && shared.add("account " + username)) {
                    LOG.warn("account {} is on {} and {}: it goes to {}", username, first, host.name(), first);
                }
            });
        }
    }

    private Known staticOnly(String name) {
        return inventory(name, List.of(), List.of(), Optional.empty());
    }

    /** The discovered names with the host's static map after them. */
    private Known inventory(String name, List<String> serials, List<String> usernames, Optional<Instant> discoveredAt) {
        return new Known(merged(serials, fleet.staticDevices(name)), merged(usernames, fleet.staticAccounts(name)), discoveredAt);
    }

    private static Map<String, Origin> merged(List<String> discovered, List<String> configured) {
        Map<String, Origin> names = new LinkedHashMap<>();
        discovered.forEach(item -> names.put(item, Origin.DISCOVERED));
        configured.forEach(item -> names.putIfAbsent(item, Origin.STATIC));
        return Collections.unmodifiableMap(names);
    }
}
