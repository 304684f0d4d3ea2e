package io.tikmatrix.bridge.config;

import java.io.IOException;
import java.io.Reader;
import org.apache.camel.util.TimeUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's configuration, resolved once at start (README, "Configuration"): built-in defaults, then
 * {@code config/application.properties} in the working directory, then environment variables
 * ({@code TIKMATRIX_BASE_URL} for {@code tikmatrix.base-url}), then Java system properties.
 * Values may refer to other keys as {@code ${key}}. Every value is checked here, so a typo stops the
 * start with a message naming the key instead of surfacing later as a stuck route.
 */
public final class BridgeConfig {

    public static final String CONFIG_FILE = "config/application.properties";

    /** Dead-letter keys (README, "Errors, retries and dead letters"); each gets {@code bridge.dead-letter.<key>}. */
    public static final List<String> DEAD_LETTER_KEYS =
            List.of("40001", "40002", "40003", "40401", "50001", "unreachable", "unreadable", "ambiguous", "other");

    private static final List<String> DURATION_KEYS = List.of(
            "tikmatrix.connect-timeout", "tikmatrix.response-timeout", "bridge.inbox.poll-interval",
            "bridge.inbox.stable-for", "bridge.retry.initial-delay", "bridge.retry.max-delay",
            "bridge.licence.check-interval", "bridge.status.poll-interval",
            "bridge.schedules.reload-interval", "bridge.schedules.misfire-threshold",
            "bridge.events.delivery-interval", "bridge.events.retry.initial-delay", "bridge.events.retry.max-delay",
            "bridge.events.retention", "bridge.store.claim-lease");

    private static final int MAX_PORT = 65535;

    private static final List<String> FOLDER_KEYS = List.of(
            "bridge.data-dir", "bridge.inbox.dir", "bridge.archive.dir", "bridge.receipts.dir", "bridge.dead-letter.dir");

    /** Only names of keys: Camel's own {@code ${file:name}} expressions pass through untouched. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)}");

    private final Map<String, String> values;

    private BridgeConfig(Map<String, String> values) {
        this.values = values;
    }

    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tikmatrix.base-url", "http://localhost:50809/api/v1");
        d.put("tikmatrix.connect-timeout", "5s");
        d.put("tikmatrix.response-timeout", "30s");
        d.put("bridge.data-dir", "data");
        d.put("bridge.inbox.dir", "${bridge.data-dir}/inbox");
        d.put("bridge.inbox.poll-interval", "1s");
        d.put("bridge.inbox.stable-for", "1s");
        d.put("bridge.inbox.max-descriptor-size", "1048576");
        d.put("bridge.inbox.max-field-length", "65536");
        d.put("bridge.archive.dir", "${bridge.data-dir}/archive");
        d.put("bridge.receipts.dir", "${bridge.data-dir}/receipts");
        d.put("bridge.dead-letter.dir", "${bridge.data-dir}/deadletter");
        for (String key : DEAD_LETTER_KEYS) {
            d.put("bridge.dead-letter." + key, "file:${bridge.dead-letter.dir}/" + key);
        }
        d.put("bridge.retry.max-attempts", "6");
        d.put("bridge.retry.initial-delay", "1s");
        d.put("bridge.retry.multiplier", "2");
        d.put("bridge.retry.max-delay", "60s");
        d.put("bridge.api.concurrency", "4");
        d.put("bridge.licence.check-interval", "5s");
        d.put("bridge.health.enabled", "true");
        d.put("bridge.health.port", "50810");
        d.put("bridge.status.poll-interval", "5s");
        d.put("bridge.events.endpoints", "file:${bridge.data-dir}/events");
        d.put("bridge.events.delivery-interval", "250ms");
        d.put("bridge.events.retry.max-attempts", "10");
        d.put("bridge.events.retry.initial-delay", "1s");
        d.put("bridge.events.retry.multiplier", "2");
        d.put("bridge.events.retry.max-delay", "60s");
        d.put("bridge.events.webhook.secret", "");
        d.put("bridge.events.retention", "168h");
        d.put("bridge.schedules.file", "config/schedules.yaml");
        d.put("bridge.schedules.reload-interval", "5s");
        d.put("bridge.schedules.misfire-threshold", "60s");
        d.put("bridge.store.jdbc-url", "jdbc:h2:file:${bridge.data-dir}/store/bridge");
        d.put("bridge.store.username", "");
        d.put("bridge.store.password", "");
        d.put("bridge.store.claim-lease", "60s");
        return d;
    }

    /** Resolves the layers as the launcher sees them: working directory, process environment, system properties. */
    public static BridgeConfig load(Path workingDir, Map<String, String> overrides) {
        return load(workingDir, System.getenv(), System.getProperties(), overrides);
    }

    public static BridgeConfig load(Path workingDir, Map<String, String> env, Properties system, Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(defaults());
        raw.putAll(readConfigFile(workingDir.resolve(CONFIG_FILE)));
        for (String key : List.copyOf(raw.keySet())) {
            String fromEnv = env.get(environmentName(key));
            if (fromEnv != null) {
                raw.put(key, fromEnv);
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (isBridgeKey(name)) {
                raw.put(name, system.getProperty(name));
            }
        }
        raw.putAll(overrides);
        // made absolute before references resolve: H2 refuses a URL relative to the working directory
        raw.put("bridge.data-dir", workingDir.resolve(raw.get("bridge.data-dir")).toAbsolutePath().normalize().toString());
        BridgeConfig config = new BridgeConfig(resolveReferences(raw));
        config.check(workingDir);
        return config;
    }

    /** {@code tikmatrix.base-url} → {@code TIKMATRIX_BASE_URL}, as README, "Configuration" gives it. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static boolean isBridgeKey(String name) {
        return name.startsWith("bridge.") || name.startsWith("tikmatrix.") || name.startsWith("camel.");
    }

    private static Map<String, String> readConfigFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    private static Map<String, String> resolveReferences(Map<String, String> raw) {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : raw.keySet()) {
            try {
                resolved.put(key, resolve(key, raw, new ArrayList<>()));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return resolved;
    }

    private static String resolve(String key, Map<String, String> raw, List<String> chain) {
        if (chain.contains(key)) {
            throw new IllegalArgumentException("refers to itself through " + String.join(" → ", chain));
        }
        chain.add(key);
        Matcher m = REFERENCE.matcher(raw.get(key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            if (!raw.containsKey(ref)) {
                throw new IllegalArgumentException("refers to unknown key ${" + ref + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(ref, raw, chain)));
        }
        m.appendTail(out);
        chain.remove(key);
        return out.toString();
    }

    private void check(Path workingDir) {
        List<String> problems = new ArrayList<>();
        for (String key : DURATION_KEYS) {
            try {
                parseDuration(values.get(key));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        checkWholeNumber("bridge.retry.max-attempts", problems);
        checkWholeNumber("bridge.api.concurrency", problems);
        checkWholeNumber("bridge.inbox.max-descriptor-size", problems);
        checkWholeNumber("bridge.inbox.max-field-length", problems);
        checkPort("bridge.health.port", problems);
        if (!List.of("true", "false").contains(values.get("bridge.health.enabled"))) {
            problems.add("bridge.health.enabled: must be true or false, got '" + values.get("bridge.health.enabled") + "'");
        }
        checkWholeNumber("bridge.events.retry.max-attempts", problems);
        checkMultiplier("bridge.retry.multiplier", problems);
        checkMultiplier("bridge.events.retry.multiplier", problems);
        checkBaseUrl(problems);
        for (String key : FOLDER_KEYS) {
            Path folder = workingDir.resolve(values.get(key)).toAbsolutePath().normalize();
            values.put(key, folder.toString());
            try {
                Files.createDirectories(folder);
                OwnerOnly.folder(folder);
                if (!Files.isWritable(folder)) {
                    problems.add(key + ": folder " + folder + " is not writable");
                }
            } catch (IOException | SecurityException e) {
                problems.add(key + ": cannot create folder " + folder + " (" + e + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** @return whether the value is a whole number of 1 or more; if not, the problem is added */
    private boolean checkWholeNumber(String key, List<String> problems) {
        try {
            if (Integer.parseInt(values.get(key)) >= 1) {
                return true;
            }
            problems.add(key + ": must be 1 or more, got '" + values.get(key) + "'");
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + values.get(key) + "' is not a whole number");
        }
        return false;
    }

    /** Checked here so --check reports it; a port that is valid but taken is found when the bridge starts. */
    private void checkPort(String key, List<String> problems) {
        if (checkWholeNumber(key, problems) && integer(key) > MAX_PORT) {
            problems.add(key + ": must be a TCP port from 1 to " + MAX_PORT + ", got '" + values.get(key) + "'");
        }
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
        values.put("tikmatrix.base-url", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return v;
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

    public int integer(String key) {
        return Integer.parseInt(get(key));
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    /** The properties Camel's placeholders see ({@code {{bridge.inbox.dir}}}): every resolved key. */
    public Properties toCamelProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                p.setProperty(k, v);
            }
        });
        // /observe/health on loopback only: the bridge is as local as the TikMatrix API it guards
        p.setProperty("camel.management.enabled", get("bridge.health.enabled"));
        p.setProperty("camel.management.healthCheckEnabled", "true");
        p.setProperty("camel.management.host", "127.0.0.1");
        p.setProperty("camel.management.port", get("bridge.health.port"));
        return p;
    }
}
