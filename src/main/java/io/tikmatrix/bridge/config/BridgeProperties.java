package io.tikmatrix.bridge.config;

import org.apache.camel.component.properties.DefaultPropertiesParser;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.component.properties.PropertiesLookup;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How a bridge sets up Camel's properties component, which owns its configuration (README, "Configuration"):
 * the defaults on the classpath, the operator's {@code config/application.properties} before them, Camel's
 * environment-variable and system-property override modes above both, and the overrides a caller passes
 * (tests, {@code --simulator}) as Camel's override properties.
 */
public final class BridgeProperties {

    /** The operator's file, relative to the bridge's directory; optional. */
    public static final String CONFIG_FILE = "config/application.properties";

    /** Every key with its default, the one list of them. */
    public static final String DEFAULTS = "io/tikmatrix/bridge/defaults.properties";

    /**
     * Keys renamed, by their new name: the older name is still read, from any layer, and when set it gives the new
     * key its value (BridgeConfig warns, naming both), so a configuration written for an earlier version keeps its port.
     */
    public static final Map<String, String> OLDER_NAMES = Map.of(
            "bridge.admin.enabled", "bridge.health.enabled",
            "bridge.admin.port", "bridge.health.port");

    /** Values that name a file or folder: a relative one is under the bridge's directory, not the JVM's. */
    static final List<String> PATH_KEYS = List.of("bridge.data-dir", "bridge.inbox.dir", "bridge.archive.dir",
            "bridge.receipts.dir", "bridge.dead-letter.dir", "bridge.schedules.file");

    private BridgeProperties() {
    }

    /** For Camel Main's property placeholder locations: the first location that has a key wins. */
    public static String locations(Path home) {
        return "file:" + home.resolve(CONFIG_FILE).toAbsolutePath() + ";optional=true,classpath:" + DEFAULTS;
    }

    public static Properties overrides(Map<String, String> values) {
        Properties overrides = new Properties();
        overrides.putAll(values);
        return overrides;
    }

    /**
     * Makes every lookup of a path key answer an absolute path under {@code home}, the base URL without a
     * trailing slash, and a renamed key the value of its older name when that is set ({@link #OLDER_NAMES}),
     * whichever layer the value came from: the routes ({@code file:{{bridge.inbox.dir}}}), the H2 URL
     * ({@code {{bridge.data-dir}}}, H2 refuses a relative one) and the Java all see the same.
     */
    public static void normalizeValues(org.apache.camel.spi.PropertiesComponent properties, Path home) {
        PropertiesComponent component = (PropertiesComponent) properties;
        component.setPropertiesParser(new NormalizingParser(component, home));
    }

    /** The whole set-up, on a properties component of a context that Camel Main does not run (--check, tests). */
    static void setUp(org.apache.camel.spi.PropertiesComponent properties, Path home, Map<String, String> overrides) {
        properties.setLocation(locations(home));
        properties.setOverrideProperties(overrides(overrides));
        normalizeValues(properties, home);
    }

    /** Camel's parser, with each value looked up normalized by key before its own {{references}} resolve. */
    private static final class NormalizingParser extends DefaultPropertiesParser {

        private final Path home;

        NormalizingParser(PropertiesComponent component, Path home) {
            super(component);
            this.home = home;
        }

        @Override
        public String parseProperty(String key, String value, PropertiesLookup properties) {
            if (value == null) {
                return null;
            }
            String olderName = OLDER_NAMES.get(key);
            if (olderName != null) {
                // through the parser, so the older name counts from every layer, environment variables included
                String older = parseUri("{{" + olderName + ":}}", properties, true, false, true);
                if (older != null && !older.isEmpty()) {
                    return older;
                }
            }
            if ("tikmatrix.base-url".equals(key) && value.endsWith("/")) {
                return value.substring(0, value.length() - 1);
            }
            // a value made of references ({{bridge.data-dir}}/inbox) becomes absolute through the key it refers to
            if (PATH_KEYS.contains(key) && !value.contains("{{")) {
                try {
                    return home.resolve(value).toAbsolutePath().normalize().toString();
                } catch (InvalidPathException e) {
                    return value; // reported, with its key, by BridgeConfig's folder check
                }
            }
            return value;
        }
    }
}
