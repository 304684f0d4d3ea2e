package io.tikmatrix.bridge;

import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.config.BridgeProperties;
import io.tikmatrix.bridge.config.InvalidConfigurationException;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.schedule.InvalidSchedulesException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * One running bridge: Camel Main with the YAML routes of {@code routes/}, its configuration from Camel's
 * properties component and its beans from {@link BridgeBeans}. The launcher and the tests start it the same way.
 */
public final class Bridge implements AutoCloseable {

    private final Main main;
    private final BridgeBeans beans;

    private Bridge(Main main, BridgeBeans beans) {
        this.main = main;
        this.beans = beans;
    }

    /**
     * @param home      the bridge's directory: its {@code routes/} and {@code config/application.properties}, and
     *                  what relative folders are under
     * @param overrides keys set above every file (tests, {@code --simulator}), as Camel's override properties
     * @throws InvalidConfigurationException naming each key at fault, before anything runs
     * @throws InvalidSchedulesException     naming each schedule and field at fault, likewise
     */
    public static Bridge start(Path home, Map<String, String> overrides) throws Exception {
        // descriptors carry Devanagari and emoji; Camel's text conversions must not follow a Windows or
        // POSIX-locale default charset
        if (System.getProperty(Exchange.DEFAULT_CHARSET_PROPERTY) == null) {
            System.setProperty(Exchange.DEFAULT_CHARSET_PROPERTY, StandardCharsets.UTF_8.name());
        }
        BridgeBeans beans = BridgeBeans.check(home, overrides, Clock.systemUTC());
        Main main = new Main();
        main.configure().setName("tikmatrix-bridge");
        main.configure().addConfiguration(beans);
        main.configure().withRoutesIncludePattern("file:" + home.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
        main.setPropertyPlaceholderLocations(BridgeProperties.locations(home));
        main.setOverrideProperties(BridgeProperties.overrides(overrides));
        Bridge bridge = new Bridge(main, beans);
        try {
            main.start();
        } catch (Exception e) {
            bridge.close();
            throw e;
        }
        return bridge;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** The configuration it runs with, as read at its start. */
    public BridgeConfig config() {
        return beans.config();
    }

    public LicenceGate licenceGate() {
        return beans.licenceGate();
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            beans.close();
        }
    }
}
