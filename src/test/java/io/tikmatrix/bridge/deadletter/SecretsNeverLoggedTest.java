package io.tikmatrix.bridge.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.simulator.Fault;
import io.tikmatrix.bridge.support.BridgeHarness;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ChatGPT key of a warm-up reaches the API and nowhere else: not the log at any level, not a receipt,
 * a dead letter or an event, whatever shape the descriptor fails in, and what the bridge writes is its user's only.
 */
class SecretsNeverLoggedTest {

    private static final String SECRET = "sk-live-never-log-me-42";
    private static final String KEY = "sk-test-9f8e7d6c5b4a";

    /** What the user gave the bridge, kept byte for byte, and the test's own staging: not written by the bridge. */
    private static final Set<String> NOT_WRITTEN_BY_THE_BRIDGE = Set.of("store", "archive", "staging");

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @RegisterExtension
    static final BridgeHarness bridge = new BridgeHarness();

    @BeforeAll
    static void start() {
        bridge.start();
    }

    @Test
    void aSecretThroughRetriesDeadLettersAndReplayIsNeverLogged() throws Exception {
        bridge.simulator().faults().failNext(4, "POST", "/task", Fault.errorEnvelope(50001, 500));
        bridge.drop("warm.jsonl", """
                {"id": "w1", "serials": ["s1"], "script_name": "account_warmup", "script_config": {"generate_by_chatgpt": true, "chatgpt_settings": {"api_key": "%s"}}}
                {"id": "w2", "serials": ["s2"], "script_name": "account_warmup", "script_config": {"generate_by_chatgpt": "yes", "chatgpt_settings": {"api_key": "%s"}}}
                """.formatted(SECRET, SECRET));
        bridge.awaitReceipt("warm.jsonl");
        var record = bridge.awaitDeadLetters("50001", 1).get(0);
        bridge.drop("replay-w1.json", BridgeHarness.JSON.writeValueAsString(record));
        bridge.awaitReceipt("replay-w1.json");

        assertThat(bridge.simulator().receivedTaskBodies()).as("the API does get the key")
                .anySatisfy(body -> assertThat(body.toString()).contains(SECRET));
        assertThat(logs.all()).as("captured log").isNotEmpty().doesNotContain(SECRET);
        assertThat(bridge.events().toString()).doesNotContain(SECRET);
    }

    @Test
    void aKeyInDescriptorsThatFailInEveryWayIsWrittenNowhereButSentToTheApi() throws Exception {
        // the API quotes the key back, once as a rejection and then as a fault that outlasts the retries
        bridge.simulator().faults().failNext(1, "POST", "/task", new Fault.ErrorEnvelope(40001, 400, "invalid api_key " + KEY));
        bridge.drop("rejected.jsonl", warmup("a1", "\"" + KEY + "\"") + "\n");
        bridge.awaitReceipt("rejected.jsonl");
        bridge.simulator().faults().failNext(4, "POST", "/task", new Fault.ErrorEnvelope(50001, 500, "busy with " + KEY));
        bridge.drop("retried.jsonl", warmup("r1", "\"" + KEY + "\"") + "\n");
        JsonNode exhausted = bridge.awaitDeadLetters("50001", 1).get(0);

        bridge.drop("broken.csv", """
                id,serials,script_name,generate_by_chatgpt,chatgpt_settings
                c1,s1,account_warmup,true,"{""api_key"": ""%s"", ""model"": "
                """.formatted(KEY));
        bridge.drop("broken.jsonl", String.join("\n",
                truncatedAfter(KEY, warmup("t1", "\"" + KEY + "\"")),
                warmup("t2", "{\"value\": \"" + KEY + "\"}"),
                warmup("t3", KEY),
                warmup("t4", "\"" + KEY + "\"")) + "\n");
        bridge.drop("replay.json", BridgeHarness.JSON.writeValueAsString(exhausted));
        for (String file : List.of("retried.jsonl", "broken.csv", "broken.jsonl", "replay.json")) {
            bridge.awaitReceipt(file);
        }
        List<Path> records = bridge.deadLetterFiles();
        assertThat(records).as("rejected, retried, bad cell, truncated line, wrong type, unquoted").hasSize(6);
        await().atMost(Duration.ofSeconds(20)).until(() -> records.stream()
                .allMatch(r -> bridge.events().containsKey("deadletter-" + r.getFileName().toString().replaceFirst("\\.json$", ""))));

        assertThat(bridge.deadLetters("40001")).as("the API's echo is kept, its key hidden")
                .anySatisfy(r -> assertThat(r.get("reason").asText()).contains("invalid api_key ***"));
        assertThat(bridge.simulator().receivedTaskBodies()).as("the valid line and the replay reach the API whole")
                .filteredOn(body -> body.toString().contains(KEY)).hasSize(2);
        assertThat(filesShowing(KEY)).as("files the bridge wrote that show the key").isEmpty();
        assertThat(logs.all()).as("captured log").isNotEmpty().doesNotContain(KEY);
    }

    @Test
    void whatTheBridgeWritesIsReadableByItsUserOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        bridge.drop("one.jsonl", warmup("p1", "\"" + KEY + "\"") + "\n");
        bridge.awaitReceipt("one.jsonl");

        for (String folder : List.of("", "inbox", "archive", "receipts", "deadletter")) {
            assertThat(permissions(bridge.dir(folder))).as("folder data/" + folder).isEqualTo("rwx------");
        }
        assertThat(permissions(bridge.dir("receipts").resolve("one.jsonl.receipt.json"))).isEqualTo("rw-------");
    }

    private static String warmup(String id, String apiKeyJson) {
        return "{\"id\": \"" + id + "\", \"serials\": [\"s1\"], \"script_name\": \"account_warmup\", "
                + "\"script_config\": {\"generate_by_chatgpt\": true, \"chatgpt_settings\": {\"api_key\": " + apiKeyJson + "}}}";
    }

    /** The line cut right after {@code value}, as a copy that stopped half-way would leave it. */
    private static String truncatedAfter(String value, String line) {
        return line.substring(0, line.indexOf(value) + value.length());
    }

    /** Every file under the data folder, binary or text, whose bytes hold {@code value} as UTF-8. */
    private static List<Path> filesShowing(String value) throws IOException {
        Path data = bridge.dataDir();
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !NOT_WRITTEN_BY_THE_BRIDGE.contains(data.relativize(f).getName(0).toString()))
                    .filter(f -> new String(readAll(f), StandardCharsets.ISO_8859_1).contains(value))
                    .toList();
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException renamed) {
            // an event written under a temporary name and renamed while the walk went on: it is read under its
            // new name unless the walk had passed that folder already (its bytes were in the temporary file)
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
