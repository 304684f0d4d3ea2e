package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A file that cannot be read at all goes whole to the dead-letter key "unreadable", with the reason beside it, and the bridge goes on. */
class UnreadableFileTest {

    @TempDir
    static Path dir;

    private static BridgeHarness bridge;

    @BeforeAll
    static void start() {
        bridge = new BridgeHarness(dir).start();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static Stream<Arguments> unreadableFiles() {
        return Stream.of(
                Arguments.of("empty.json", new byte[0], "empty"),
                Arguments.of("blank.jsonl", "  \n\n ".getBytes(StandardCharsets.UTF_8), "empty"),
                Arguments.of("truncated.json", "[{\"serials\": [\"s\"], \"script_na".getBytes(StandardCharsets.UTF_8), "truncated"),
                Arguments.of("binary.json", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff}, "UTF-8"),
                Arguments.of("latin1.csv", "serials,script_name,captions\ns1,post,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), "UTF-8"),
                Arguments.of("deep.json", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8), "nested"),
                Arguments.of("noheader.csv", "\n\n".getBytes(StandardCharsets.UTF_8), "empty"),
                Arguments.of("open-quote.csv", "serials,script_name\n\"s1,post\n".getBytes(StandardCharsets.UTF_8), "CSV"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableFiles")
    void isSetAsideWholeWithItsReason(String name, byte[] content, String reasonMentions) {
        bridge.drop(name, content);

        Path errorReport = dir.resolve("deadletter/unreadable").resolve(name + ".error.json");
        // the report is written while the file is handled, the original leaves the inbox just after
        await().atMost(Duration.ofSeconds(15)).until(() -> errorReport.toFile().exists() && !dir.resolve("inbox").resolve(name).toFile().exists());
        JsonNode report = BridgeHarness.read(errorReport);
        assertThat(report.path("reason").asText()).contains(name).containsIgnoringCase(reasonMentions);
        assertThat(dir.resolve("deadletter/unreadable").resolve(name)).hasBinaryContent(content);
        assertThat(dir.resolve("receipts").resolve(name + ".receipt.json")).doesNotExist();

        bridge.drop("after-" + name + ".json", "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {}}");
        assertThat(bridge.awaitReceipt("after-" + name + ".json").path("summary").path("submitted").asInt()).isEqualTo(1);
    }
}
