package io.tikmatrix.bridge.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration layers, references and checks (README, "Configuration"). */
class BridgeConfigTest {

    @TempDir
    Path dir;

    private BridgeConfig load(Map<String, String> env, Properties system) {
        return BridgeConfig.load(dir, env, system, Map.of());
    }

    private void writeConfigFile(String text) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve(BridgeConfig.CONFIG_FILE), text);
    }

    @Test
    void defaultsPutEveryFolderUnderTheDataDir() {
        BridgeConfig config = load(Map.of(), new Properties());

        assertThat(config.get("tikmatrix.base-url")).isEqualTo("http://localhost:50809/api/v1");
        assertThat(config.path("bridge.inbox.dir")).isEqualTo(dir.resolve("data/inbox").toAbsolutePath());
        assertThat(config.get("bridge.dead-letter.40001")).isEqualTo("file:" + dir.resolve("data/deadletter").toAbsolutePath() + "/40001");
        assertThat(Files.isDirectory(dir.resolve("data/inbox"))).isTrue();
        assertThat(config.integer("bridge.retry.max-attempts")).isEqualTo(6);
    }

    @Test
    void fileBeatsDefaultsEnvironmentBeatsFileSystemPropertyBeatsEnvironment() throws Exception {
        writeConfigFile("tikmatrix.base-url=http://from-file:1/api/v1\nbridge.retry.max-attempts=3\nbridge.api.concurrency=2\n");
        Properties system = new Properties();
        system.setProperty("bridge.api.concurrency", "9");

        BridgeConfig config = load(Map.of("TIKMATRIX_BASE_URL", "http://from-env:2/api/v1", "BRIDGE_API_CONCURRENCY", "5"), system);

        assertThat(config.get("tikmatrix.base-url")).isEqualTo("http://from-env:2/api/v1");
        assertThat(config.get("bridge.retry.max-attempts")).isEqualTo("3");
        assertThat(config.get("bridge.api.concurrency")).isEqualTo("9");
    }

    @Test
    void aChangedDataDirMovesEveryFolderThatIsNotSetOnItsOwn() {
        BridgeConfig config = load(Map.of("BRIDGE_DATA_DIR", "elsewhere", "BRIDGE_ARCHIVE_DIR", "/tmp/arch-" + dir.getFileName()), new Properties());

        assertThat(config.path("bridge.receipts.dir")).isEqualTo(dir.resolve("elsewhere/receipts").toAbsolutePath());
        assertThat(config.get("bridge.archive.dir")).isEqualTo("/tmp/arch-" + dir.getFileName());
    }

    @Test
    void durationsAreReadByCamelsParser() {
        BridgeConfig config = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of(
                "bridge.retry.initial-delay", "250ms", "bridge.retry.max-delay", "1m30s", "bridge.events.retention", "2d"));

        assertThat(config.duration("bridge.retry.initial-delay")).isEqualTo(Duration.ofMillis(250));
        assertThat(config.duration("bridge.retry.max-delay")).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration("bridge.events.retention")).isEqualTo(Duration.ofDays(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5S", "PT5S", "", "-5s", "1.5s"})
    void aDurationCamelWouldReadAsNothingIsRefused(String text) {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(), Map.of("bridge.status.poll-interval", text)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("bridge.status.poll-interval: '" + text + "' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)"));
    }

    @Test
    void camelExpressionsInValuesAreLeftForCamel() throws Exception {
        writeConfigFile("bridge.inbox.done-file-name=${file:name}.done\n");

        assertThat(load(Map.of(), new Properties()).get("bridge.inbox.done-file-name")).isEqualTo("${file:name}.done");
    }

    @Test
    void everyBadValueIsReportedWithItsKey() {
        assertThatThrownBy(() -> load(Map.of(
                "BRIDGE_RETRY_INITIAL_DELAY", "soon",
                "BRIDGE_RETRY_MAX_ATTEMPTS", "0",
                "BRIDGE_API_CONCURRENCY", "four",
                "TIKMATRIX_BASE_URL", "ftp://x"), new Properties()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.retry.initial-delay:").contains("'soon'"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.retry.max-attempts:"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.api.concurrency:").contains("'four'"))
                        .anySatisfy(p -> assertThat(p).startsWith("tikmatrix.base-url:")));
    }

    @Test
    void anInboxThatCannotBeCreatedIsNamed() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a folder");

        assertThatThrownBy(() -> load(Map.of("BRIDGE_INBOX_DIR", dir.resolve("a-file/inbox").toString()), new Properties()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.inbox.dir: cannot create folder")));
    }

    @Test
    void aReferenceToAnUnknownKeyIsNamed() throws Exception {
        writeConfigFile("bridge.inbox.dir=${bridge.nowhere}/inbox\n");

        assertThatThrownBy(() -> load(Map.of(), new Properties()))
                .hasMessageContaining("bridge.inbox.dir: refers to unknown key ${bridge.nowhere}");
    }
}
