package io.tikmatrix.bridge.config;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configuration layers, references and checks (README, "Configuration"), in-process: defaults, the
 * operator's file, the overrides. Environment variables and -D are Camel's, tried in a JVM of its own
 * (LauncherTest).
 */
class BridgeConfigTest {

    @TempDir
    Path dir;

    private BridgeConfig load(Map<String, String> overrides) {
        return BridgeConfig.load(dir, overrides);
    }

    private void writeConfigFile(String text) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve(BridgeProperties.CONFIG_FILE), text);
    }

    @Test
    void defaultsPutEveryFolderUnderTheDataDir() {
        BridgeConfig config = load(Map.of());

        assertThat(config.get("tikmatrix.base-url")).isEqualTo("http://localhost:50809/api/v1");
        assertThat(config.path("bridge.inbox.dir")).isEqualTo(dir.resolve("data/inbox").toAbsolutePath());
        assertThat(config.get("bridge.dead-letter.40001")).isEqualTo("file:" + dir.resolve("data/deadletter").toAbsolutePath() + "/40001");
        assertThat(config.get("bridge.dead-letter.ambiguous")).isEqualTo("file:" + dir.resolve("data/deadletter").toAbsolutePath() + "/ambiguous");
        assertThat(config.get("bridge.store.jdbc-url")).isEqualTo("jdbc:h2:file:" + dir.resolve("data").toAbsolutePath() + "/store/bridge");
        assertThat(config.path("bridge.schedules.file")).isEqualTo(dir.resolve("config/schedules.yaml").toAbsolutePath());
        assertThat(Files.isDirectory(dir.resolve("data/inbox"))).isTrue();
        assertThat(config.integer("bridge.retry.max-attempts")).isEqualTo(6);
        assertThat(config.get("bridge.store.password")).isEmpty();
    }

    @Test
    void theFileBeatsTheDefaultsAndOverridesBeatTheFile() throws Exception {
        writeConfigFile("tikmatrix.base-url=http://from-file:1/api/v1\nbridge.retry.max-attempts=3\nbridge.api.concurrency=2\n");

        BridgeConfig config = load(Map.of("bridge.api.concurrency", "9"));

        assertThat(config.get("tikmatrix.base-url")).isEqualTo("http://from-file:1/api/v1");
        assertThat(config.get("bridge.retry.max-attempts")).isEqualTo("3");
        assertThat(config.get("bridge.api.concurrency")).isEqualTo("9");
    }

    @Test
    void aChangedDataDirMovesEveryFolderThatIsNotSetOnItsOwn() {
        BridgeConfig config = load(Map.of("bridge.data-dir", "elsewhere", "bridge.archive.dir", "/tmp/arch-" + dir.getFileName()));

        assertThat(config.path("bridge.receipts.dir")).isEqualTo(dir.resolve("elsewhere/receipts").toAbsolutePath());
        assertThat(config.get("bridge.store.jdbc-url")).isEqualTo("jdbc:h2:file:" + dir.resolve("elsewhere").toAbsolutePath() + "/store/bridge");
        assertThat(config.get("bridge.archive.dir")).isEqualTo("/tmp/arch-" + dir.getFileName());
    }

    @Test
    void relativeFoldersAreUnderTheBridgesDirectoryForCamelToo() throws Exception {
        writeConfigFile("bridge.inbox.dir=in\nbridge.schedules.file=plans/schedules.yaml\ntikmatrix.base-url=http://host:1/api/v1/\n");
        CamelContext camel = new DefaultCamelContext();
        BridgeProperties.setUp(camel.getPropertiesComponent(), dir, Map.of());

        BridgeConfig config = BridgeConfig.read(camel.getPropertiesComponent());

        assertThat(config.path("bridge.inbox.dir")).isEqualTo(dir.resolve("in").toAbsolutePath());
        assertThat(camel.resolvePropertyPlaceholders("file:{{bridge.inbox.dir}}")).isEqualTo("file:" + dir.resolve("in").toAbsolutePath());
        assertThat(config.path("bridge.schedules.file")).isEqualTo(dir.resolve("plans/schedules.yaml").toAbsolutePath());
        assertThat(config.get("tikmatrix.base-url")).isEqualTo("http://host:1/api/v1");
        assertThat(camel.resolvePropertyPlaceholders("{{tikmatrix.base-url}}/task")).isEqualTo("http://host:1/api/v1/task");
    }

    @Test
    void durationsAreReadByCamelsParser() {
        BridgeConfig config = load(Map.of(
                "bridge.retry.initial-delay", "250ms", "bridge.retry.max-delay", "1m30s", "bridge.events.retention", "2d"));

        assertThat(config.duration("bridge.retry.initial-delay")).isEqualTo(Duration.ofMillis(250));
        assertThat(config.duration("bridge.retry.max-delay")).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.duration("bridge.events.retention")).isEqualTo(Duration.ofDays(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5S", "PT5S", "", "-5s", "1.5s"})
    void aDurationCamelWouldReadAsNothingIsRefused(String text) {
        assertThatThrownBy(() -> load(Map.of("bridge.status.poll-interval", text)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("bridge.status.poll-interval: '" + text + "' is not a duration (use 250ms, 5s, 2m, 1h or milliseconds)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "999ms"})
    void aFailoverShorterThanASecondIsRefused(String text) {
        assertThatThrownBy(() -> load(Map.of("bridge.cluster.failover", text)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("bridge.cluster.failover: must be 1s or more, got '" + text + "'"));
    }

    @Test
    void camelExpressionsInValuesAreLeftForCamel() throws Exception {
        writeConfigFile("bridge.inbox.done-file-name=${file:name}.done\n");

        assertThat(load(Map.of()).get("bridge.inbox.done-file-name")).isEqualTo("${file:name}.done");
    }

    @Test
    void everyBadValueIsReportedWithItsKey() {
        assertThatThrownBy(() -> load(Map.of(
                "bridge.retry.initial-delay", "soon",
                "bridge.retry.max-attempts", "0",
                "bridge.api.concurrency", "four",
                "tikmatrix.base-url", "ftp://x",
                "bridge.inbox.csv-charset", "excel",
                "bridge.amqp.url", "tcp://broker:5672")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.retry.initial-delay:").contains("'soon'"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.retry.max-attempts:"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.api.concurrency:").contains("'four'"))
                        .anySatisfy(p -> assertThat(p).startsWith("tikmatrix.base-url:"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.inbox.csv-charset:").contains("'excel'"))
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.amqp.url: 'tcp://broker:5672' is not an AMQP URL")));
    }

    @Test
    void anInboxThatCannotBeCreatedIsNamed() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a folder");

        assertThatThrownBy(() -> load(Map.of("bridge.inbox.dir", dir.resolve("a-file/inbox").toString())))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("bridge.inbox.dir: cannot create folder")));
    }

    @Test
    void aReferenceToAnUnknownKeyIsNamed() throws Exception {
        writeConfigFile("bridge.inbox.dir={{bridge.nowhere}}/inbox\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("bridge.inbox.dir: ").contains("[bridge.nowhere]"));
    }

    @Test
    void aBrokenReferenceInASecretIsNamedWithoutTheSecret() throws Exception {
        writeConfigFile("bridge.events.webhook.secret=s3cr3t-{{bridge.nowhere}}\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("bridge.events.webhook.secret: Property with key [bridge.nowhere] not found in properties"));
    }

    @Test
    void webhookSecretsAreStandardWebhooksSecretsOneOrTwoWhileRotating() {
        assertThat(load(Map.of()).webhookSecrets()).isEmpty();
        assertThat(load(Map.of("bridge.events.webhook.secret", "whsec_c2VjcmV0LW9uZQ==")).webhookSecrets())
                .containsExactly("secret-one".getBytes(StandardCharsets.UTF_8));
        assertThat(load(Map.of("bridge.events.webhook.secret", "whsec_c2VjcmV0LW9uZQ==, whsec_c2VjcmV0LXR3bw==")).webhookSecrets())
                .containsExactly("secret-one".getBytes(StandardCharsets.UTF_8), "secret-two".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t-plain", "whsec_s3cr3t plain!", "whsec_", "whsec_c2VjcmV0LW9uZQ==,s3cr3t-plain",
            "whsec_c2VjcmV0LW9uZQ==,whsec_c2VjcmV0LXR3bw==,whsec_czNjcjN0"})
    void aWebhookSecretThatIsNotStandardWebhooksIsNamedWithoutTheSecret(String secret) {
        assertThatThrownBy(() -> load(Map.of("bridge.events.webhook.secret", secret)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("bridge.events.webhook.secret: ")
                        .doesNotContain("s3cr3t").doesNotContain("c2VjcmV0").doesNotContain("czNjcjN0"));
    }

    @Test
    void aReferenceInTheFormerSyntaxIsNamedWithItsReplacement() throws Exception {
        writeConfigFile("bridge.archive.dir=${bridge.data-dir}/old\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("bridge.archive.dir: refers to ${bridge.data-dir}; write {{bridge.data-dir}}"));
    }
}
