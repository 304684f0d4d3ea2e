package io.tikmatrix.bridge.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin port's keys (README, "Configuration"): loopback unless a token is set, a token long enough, and the older
 * names bridge.health.port and bridge.health.enabled still read.
 */
class AdminPortConfigTest {

    private static final String TOKEN = "0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void byDefaultItListensOnLoopbackWithoutAToken() {
        BridgeConfig config = BridgeConfig.load(dir, Map.of());

        assertThat(config.get("bridge.admin.host")).isEqualTo("127.0.0.1");
        assertThat(config.integer("bridge.admin.port")).isEqualTo(50810);
        assertThat(config.get("bridge.admin.token")).isEmpty();
        assertThat(config.nameOf("bridge.admin.port")).isEqualTo("bridge.admin.port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::"})
    void anyOtherAddressWithoutATokenIsRefusedNamingTheKey(String host) {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("bridge.admin.host", host)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("bridge.admin.host: " + host + " is reachable from other machines")
                                .contains("bridge.admin.token")));
    }

    @Test
    void anyOtherAddressWithATokenIsTaken() {
        BridgeConfig config = BridgeConfig.load(dir, Map.of("bridge.admin.host", "0.0.0.0", "bridge.admin.token", TOKEN));

        assertThat(config.get("bridge.admin.host")).isEqualTo("0.0.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "::1", "127.0.0.2"})
    void everyLoopbackAddressIsLoopback(String host) {
        assertThat(BridgeConfig.load(dir, Map.of("bridge.admin.host", host)).get("bridge.admin.host")).isEqualTo(host);
    }

    @Test
    void aShortTokenIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("bridge.admin.token", "hunter2secret")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .isEqualTo("bridge.admin.token: must be 16 characters or more, it has 13"));
    }

    @Test
    void theOlderNamesStillSetThePortAndSwitchAndWin() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve(BridgeProperties.CONFIG_FILE), "bridge.health.port=6001\nbridge.health.enabled=false\n");

        BridgeConfig config = BridgeConfig.load(dir, Map.of("bridge.admin.port", "7001"));

        assertThat(config.integer("bridge.admin.port")).isEqualTo(6001);
        assertThat(config.get("bridge.admin.enabled")).isEqualTo("false");
        assertThat(config.nameOf("bridge.admin.port")).isEqualTo("bridge.health.port");
    }

    @Test
    void aBadValueUnderTheOlderNameIsReportedUnderIt() {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("bridge.health.port", "99999")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .isEqualTo("bridge.health.port: must be a TCP port from 1 to 65535, got '99999'"));
    }
}
