package io.tikmatrix.bridge.config;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed view of the configuration the Java needs, read once at start from Camel's properties
 * component, which owns it (see {@link BridgeProperties}). Every value is checked here, so a typo stops
 * the start with a message naming the key instead of surfacing later as a stuck route.
 */
public final class BridgeConfig {

    /** Dead-letter keys (README, "Errors, retries and dead letters"); each gets {@code bridge.dead-letter.<key>}. */
    public static final List<String> DEAD_LETTER_KEYS =
            List.of("40001", "40002", "40003", "40401", "50001", "unreachable", "unreadable", "ambiguous", "unroutable", "other");

    private static final List<String> DURATION_KEYS = List.of(
            "tikmatrix.connect-timeout", "tikmatrix.response-timeout", "bridge.inbox.poll-interval",
            "bridge.inbox.empty-poll-interval", "bridge.inbox.stable-for", "bridge.retry.initial-delay", "bridge.retry.max-delay",
            "bridge.licence.check-interval", "bridge.status.poll-interval",
            "bridge.schedules.reload-interval", "bridge.schedules.misfire-threshold",
            "bridge.events.delivery-interval", "bridge.events.retry.initial-delay", "bridge.events.retry.max-delay",
            "bridge.events.retention", "bridge.events.file.retention", "bridge.store.claim-lease", "bridge.cluster.failover",
            "tikmatrix.hosts.refresh-interval");

    /** Standard Webhooks' secret form: the HMAC key, base64-encoded, after this prefix. */
    private static final String WEBHOOK_SECRET_PREFIX = "whsec_";
    /** The secret in use and, while receivers move over, the one before it. */
    private static final int MAX_WEBHOOK_SECRETS = 2;

    /** What the Qpid JMS client connects with: plain, TLS, WebSockets, and a failover list of those. */
    private static final List<String> AMQP_SCHEMES = List.of("amqp", "amqps", "amqpws", "amqpwss", "failover");

    private static final int MAX_PORT = 65535;
    /** Long enough that guessing it over HTTP is hopeless, short enough to type. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;
    private static final int CAMEL_HTTP_CONNECTIONS_PER_ROUTE = 20;

    private static final List<String> FOLDER_KEYS = List.of(
            "bridge.data-dir", "bridge.inbox.dir", "bridge.archive.dir", "bridge.receipts.dir", "bridge.dead-letter.dir");

    /**
     * A reference in the syntax of earlier versions, ${bridge.data-dir}: left alone it would name a folder
     * "${bridge.data-dir}". Camel's own ${file:name} expressions are not keys of the bridge and pass.
     */
    private static final Pattern OLD_REFERENCE = Pattern.compile("\\$\\{((?:bridge|tikmatrix)\\.[A-Za-z0-9._-]+)}");

    /** The tail of Camel's placeholder messages that quotes the value: "… from text: {{x}}/inbox". */
    private static final Pattern CAMEL_TEXT = Pattern.compile("(?s),? *(from|in) (the )?text: .*");

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfig.class);

    private final Map<String, String> values;
    /** The renamed keys whose older name the configuration still uses: new name to older name. */
    private final Map<String, String> olderNamesSet;

    private BridgeConfig(Map<String, String> values, Map<String, String> olderNamesSet) {
        this.values = values;
        this.olderNamesSet = olderNamesSet;
    }

    /**
     * The configuration of a bridge in {@code home}, with {@code overrides} above every file, as a bridge
     * started there would see it, from a properties component of its own (--check, tests).
     */
    public static BridgeConfig load(Path home, Map<String, String> overrides) {
        // never started, so it holds no thread or resource to close
        CamelContext camel = new DefaultCamelContext();
        BridgeProperties.setUp(camel.getPropertiesComponent(), home, overrides);
        return read(camel.getPropertiesComponent());
    }

    /**
     * Reads and checks every key of the bridge ({@code bridge.*}, {@code tikmatrix.*}) the component knows,
     * and creates the folders, owner-only.
     *
     * @throws InvalidConfigurationException naming each key at fault
     */
    public static BridgeConfig read(PropertiesComponent properties) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>(properties.loadProperties(BridgeConfig::isBridgeKey).stringPropertyNames());
        // a key no file has (a fleet's tikmatrix.hosts.<name>.base-url) may still be given with -D, as any other
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("tikmatrix.hosts.")).forEach(keys::add);
        for (String key : keys) {
            try {
                // parseUri rather than resolveProperty, which answers "absent" for a value it cannot resolve
                values.put(key, properties.parseUri("{{" + key + "}}"));
            } catch (IllegalArgumentException e) {
                // Camel's message names the unknown or circular reference; the text it was in is left out,
                // as it may be a secret's (bridge.store.password, bridge.events.webhook.secret)
                problems.add(key + ": " + CAMEL_TEXT.matcher(e.getMessage()).replaceFirst(""));
            }
        }
        values.forEach((key, value) -> {
            Matcher old = OLD_REFERENCE.matcher(value);
            if (old.find()) {
                problems.add(key + ": refers to " + old.group() + "; write {{" + old.group(1) + "}}");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Map<String, String> olderNamesSet = new LinkedHashMap<>();
        BridgeProperties.OLDER_NAMES.forEach((key, olderName) -> {
            if (properties.resolveProperty(olderName).filter(value -> !value.isEmpty()).isPresent()) {
                olderNamesSet.put(key, olderName);
                LOG.warn("{} is the older name of {}: it still sets it, over any value of {}; rename it", olderName, key, key);
            }
        });
        BridgeConfig config = new BridgeConfig(values, olderNamesSet);
        config.check();
        return config;
    }

    private static boolean isBridgeKey(String name) {
        return name.startsWith("bridge.") || name.startsWith("tikmatrix.");
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        for (String key : DURATION_KEYS) {
            try {
                parseDuration(values.get(key));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        checkFailover(problems);
        checkWholeNumber("bridge.retry.max-attempts", problems);
        checkWholeNumber("bridge.api.concurrency", problems);
        checkWholeNumber("bridge.inbox.max-descriptor-size", problems);
        checkWholeNumber("bridge.inbox.max-field-length", problems);
        checkAdminPort(problems);
        checkWholeNumber("bridge.events.retry.max-attempts", problems);
        checkMultiplier("bridge.retry.multiplier", problems);
        checkMultiplier("bridge.events.retry.multiplier", problems);
        checkBaseUrl(problems);
        checkCharset("bridge.inbox.csv-charset", problems);
        checkAmqpUrl(problems);
        try {
            webhookSecrets();
        } catch (IllegalArgumentException e) {
            problems.add("bridge.events.webhook.secret: " + e.getMessage());
        }
        for (String key : FOLDER_KEYS) {
            try {
                Path folder = Path.of(values.get(key));
                Files.createDirectories(folder);
                OwnerOnly.folder(folder);
                if (!Files.isWritable(folder)) {
                    problems.add(key + ": folder " + folder + " is not writable");
                }
            } catch (IOException | SecurityException | InvalidPathException e) {
                problems.add(key + ": cannot create folder " + values.get(key) + " (" + e + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /**
     * The admin port serves the admin API, which can replay and discard dead letters and pause intake: on any
     * address but this machine's loopback it needs a token, or anyone who reaches the address could.
     */
    private void checkAdminPort(List<String> problems) {
        checkPort("bridge.admin.port", problems);
        if (!List.of("true", "false").contains(values.get("bridge.admin.enabled"))) {
            problems.add(nameOf("bridge.admin.enabled") + ": must be true or false, got '" + values.get("bridge.admin.enabled") + "'");
        }
        String token = values.get("bridge.admin.token");
        if (!token.isEmpty() && token.length() < MIN_ADMIN_TOKEN_LENGTH) {
            // the value itself is a secret: only its length is said
            problems.add("bridge.admin.token: must be " + MIN_ADMIN_TOKEN_LENGTH + " characters or more, it has " + token.length());
        }
        if (!"true".equals(values.get("bridge.admin.enabled"))) {
            return;
        }
        String host = values.get("bridge.admin.host");
        if (host.isBlank()) {
            problems.add("bridge.admin.host: empty; 127.0.0.1 keeps the admin port to this machine");
            return;
        }
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress() && token.isEmpty()) {
                problems.add("bridge.admin.host: " + host + " is reachable from other machines, so the admin port needs"
                        + " bridge.admin.token (" + MIN_ADMIN_TOKEN_LENGTH + " characters or more); or use 127.0.0.1");
            }
        } catch (UnknownHostException e) {
            problems.add("bridge.admin.host: '" + host + "' is not an address of this machine (" + e.getMessage() + ")");
        }
    }

    /**
     * Each bridge renews its leases every third of the fail-over: below a second it would spend itself renewing, and a
     * garbage-collection pause would hand its work to another bridge while it still does it.
     */
    private void checkFailover(List<String> problems) {
        String key = "bridge.cluster.failover";
        try {
            if (parseDuration(values.get(key)).compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(key + ": must be 1s or more, got '" + values.get(key) + "'");
            }
        } catch (IllegalArgumentException e) {
            // reported with the other durations
        }
    }

    /** @return whether the value is a whole number of 1 or more; if not, the problem is added */
    private boolean checkWholeNumber(String key, List<String> problems) {
        try {
            if (Integer.parseInt(values.get(key)) >= 1) {
                return true;
            }
            problems.add(nameOf(key) + ": must be 1 or more, got '" + values.get(key) + "'");
        } catch (NumberFormatException e) {
            problems.add(nameOf(key) + ": '" + values.get(key) + "' is not a whole number");
        }
        return false;
    }

    /** Checked here so --check reports it; a port that is valid but taken is found when the bridge starts. */
    private void checkPort(String key, List<String> problems) {
        if (checkWholeNumber(key, problems) && integer(key) > MAX_PORT) {
            problems.add(nameOf(key) + ": must be a TCP port from 1 to " + MAX_PORT + ", got '" + values.get(key) + "'");
        }
    }

    /** The name the operator gave a key its value under: its older name while that is what is set. */
    public String nameOf(String key) {
        return olderNamesSet.getOrDefault(key, key);
    }

    private void checkMultiplier(String key, List<String> problems) {
        try {
            if (Double.parseDouble(values.get(key)) < 1.0) {
                problems.add(key + ": must be 1 or more, got '" + values.get(key) + "'");
            }
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + values.get(key) + "' is not a number");
        }
    }

    private void checkCharset(String key, List<String> problems) {
        try {
            Charset.forName(values.get(key));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + values.get(key) + "' is not a charset this Java knows (UTF-8, windows-1252, …)");
        }
    }

    public Charset charset(String key) {
        return Charset.forName(get(key));
    }

    private void checkBaseUrl(List<String> problems) {
        String url = values.get("tikmatrix.base-url");
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add("tikmatrix.base-url: '" + url + "' is not an http(s) URL with a host");
            }
        } catch (IllegalArgumentException e) {
            problems.add("tikmatrix.base-url: '" + url + "' is not a URL (" + e.getMessage() + ")");
        }
    }

    /** Checked here so --check reports it; whether the broker answers is found when an amqp: endpoint first sends. */
    private void checkAmqpUrl(List<String> problems) {
        String url = values.get("bridge.amqp.url");
        try {
            URI uri = URI.create(url);
            if (!AMQP_SCHEMES.contains(String.valueOf(uri.getScheme()))) {
                problems.add("bridge.amqp.url: '" + url + "' is not an AMQP URL (" + String.join("://, ", AMQP_SCHEMES) + "://…)");
            }
        } catch (IllegalArgumentException e) {
            problems.add("bridge.amqp.url: '" + url + "' is not a URL (" + e.getMessage() + ")");
        }
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return v;
    }

    /**
     * Every key that starts with {@code prefix}, with its value, in key order: for a family of keys whose names the
     * operator makes up ({@code tikmatrix.hosts.<name>.base-url}), which its reader checks.
     */
    public Map<String, String> keysStartingWith(String prefix) {
        Map<String, String> keys = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                keys.put(key, value);
            }
        });
        return keys;
    }

    /** Where the records of a dead-letter key go: {@code bridge.dead-letter.<key>}, a file appearing only whole. */
    public String deadLetterUri(String key) {
        return CamelUris.writtenWhole(get("bridge.dead-letter." + key));
    }

    public Duration duration(String key) {
        return parseDuration(get(key));
    }

    /**
     * A duration in Camel's syntax ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1m30s} or
     * milliseconds), read by Camel's own parser, as the routes' options read it.
     *
     * @throws IllegalArgumentException for text Camel cannot read, and for text it would quietly read as
     *                                  nothing ({@code 5S}, {@code PT5S}, an empty value: 0) or as less
     */
    public static Duration parseDuration(String text) {
        try {
            long millis = TimeUtils.toMilliSeconds(text);
            boolean zeroWritten = text.chars().anyMatch(Character::isDigit) && text.chars().noneMatch(c -> c >= '1' && c <= '9');
            if (millis > 0 || millis == 0 && zeroWritten) {
                return Duration.ofMillis(millis);
            }
        } catch (RuntimeException unreadable) {
            // Camel's parser fails with whatever exception its regex and substrings give: one message for all
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)");
    }

    /**
     * How many connections camel-http's pool may keep to TikMatrix: one per submit thread plus the status poll's and
     * the licence check's, and never fewer than camel-http's own 20. Async redeliveries, a reading thread
     * that submits a descriptor itself while the pool is busy, and schedule firings call too, and a call that
     * waits longer than {@code tikmatrix.connect-timeout} for a connection fails as if TikMatrix were down.
     */
    public int apiConnections() {
        return Math.max(CAMEL_HTTP_CONNECTIONS_PER_ROUTE, integer("bridge.api.concurrency") + 2);
    }

    /**
     * How often a descriptor held for the licence looks again ({@code bridge.licence.check-interval}), for the
     * redelivery delay of routes/error-handling.camel.yaml, which takes milliseconds only.
     */
    public long licenceCheckIntervalMillis() {
        return duration("bridge.licence.check-interval").toMillis();
    }

    /**
     * The HMAC keys of {@code bridge.events.webhook.secret}: none (webhooks go unsigned), one, or two while
     * rotating, each written {@code whsec_<base64>} as Standard Webhooks receivers expect it.
     *
     * @throws IllegalArgumentException saying what is wrong without quoting the secret
     */
    public List<byte[]> webhookSecrets() {
        String value = get("bridge.events.webhook.secret").trim();
        if (value.isEmpty()) {
            return List.of();
        }
        String[] secrets = value.split(",", -1);
        if (secrets.length > MAX_WEBHOOK_SECRETS) {
            throw new IllegalArgumentException("at most " + MAX_WEBHOOK_SECRETS
                    + " comma-separated secrets (the new one and, while rotating, the old one), got " + secrets.length);
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < secrets.length; i++) {
            String secret = secrets[i].trim();
            String which = secrets.length == 1 ? "the secret" : "secret " + (i + 1) + " of " + secrets.length;
            if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) {
                throw new IllegalArgumentException(which + " does not start with " + WEBHOOK_SECRET_PREFIX
                        + " (Standard Webhooks: whsec_ then the key in base64)");
            }
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring(WEBHOOK_SECRET_PREFIX.length()));
                if (key.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                keys.add(key);
            } catch (IllegalArgumentException e) {
                // Base64's own message quotes the offending character: a piece of the secret
                throw new IllegalArgumentException(which + " is not " + WEBHOOK_SECRET_PREFIX
                        + " followed by a key in base64 (Standard Webhooks)");
            }
        }
        return List.copyOf(keys);
    }

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public Path path(String key) {
        return Path.of(get(key));
    }
}
