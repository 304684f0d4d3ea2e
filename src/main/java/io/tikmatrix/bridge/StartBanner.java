package io.tikmatrix.bridge;

import io.tikmatrix.bridge.fleet.Fleet;
import io.tikmatrix.bridge.config.BridgeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What a person starting the bridge needs to read first: which TikMatrix it talks to, where to drop files and
 * where their outcomes appear, and where to look at it over HTTP. The first line is the one that says it runs.
 */
final class StartBanner {

    static final String RUNNING = "tikmatrix-bridge running against ";

    private StartBanner() {
    }

    /** The version Maven built, from the filtered {@code version.properties}. */
    static String version() {
        try (InputStream in = StartBanner.class.getResourceAsStream("version.properties")) {
            Properties version = new Properties();
            if (in != null) {
                version.load(in);
            }
            return version.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version", e);
        }
    }

    static List<String> lines(BridgeConfig config) {
        List<String> lines = new ArrayList<>();
        Fleet fleet = Fleet.from(config);
        if (fleet.several()) {
            lines.add(RUNNING + "a fleet of " + fleet.hosts().size() + " TikMatrix hosts (version " + version() + ")");
            fleet.hosts().forEach(host -> lines.add("  host " + String.format("%-12s", host.name()) + host.baseUrl()));
        } else {
            lines.add(RUNNING + config.get("tikmatrix.base-url") + " (version " + version() + ")");
        }
        lines.add("  drop files into  " + config.get("bridge.inbox.dir"));
        lines.add("  receipts         " + config.get("bridge.receipts.dir"));
        lines.add("  dead letters     " + config.get("bridge.dead-letter.dir"));
        Arrays.stream(config.get("bridge.events.endpoints").split(",")).map(String::trim).filter(uri -> !uri.isEmpty())
                .forEach(uri -> lines.add("  events           " + shown(uri)));
        if (Boolean.parseBoolean(config.get("bridge.admin.enabled"))) {
            String host = config.get("bridge.admin.host");
            // every interface includes loopback, the address that works on this machine
            String base = "http://" + (List.of("0.0.0.0", "::").contains(host) ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host)
                    + ":" + config.get("bridge.admin.port");
            lines.add("  health           " + base + "/observe/health");
            lines.add("  metrics          " + base + "/observe/metrics");
            lines.add("  console          " + base + "/");
            lines.add("  admin API        " + base + "/api/");
        } else {
            lines.add("  admin port       off (bridge.admin.enabled=false)");
        }
        return lines;
    }

    /**
     * A file endpoint as its folder; any other URI without its options and user info, which may hold
     * passwords (a broker's, a webhook's basic auth).
     */
    private static String shown(String uri) {
        String bare = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return bare.startsWith("file:") ? bare.substring("file:".length()) : bare.replaceFirst("//[^/@]*@", "//");
    }
}
