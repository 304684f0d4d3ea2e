package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.Assumptions.assumeThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Only regular files are read, and links are never followed: a link, FIFO or folder with an inbox
 * extension is dead-lettered as unreadable with its reason, without a byte of it being read, and
 * leaves the inbox so it is not tried again.
 */
class OnlyRegularFilesTest {

    private static final String SECRET = "root:x:0:0:the link target must never be copied";
    private static final String DESCRIPTOR = "{\"serials\": [\"s1\"], \"script_name\": \"account_warmup\", \"script_config\": {}}";

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

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("passwd"), SECRET);
        for (String name : new String[] {"passwd.csv", "passwd.json"}) {
            Path inbox = Files.createDirectories(bridge.dir("inbox"));
            assumeThatCode(() -> Files.createSymbolicLink(inbox.resolve(name), target))
                    .as("symbolic links cannot be made here (Windows without the privilege)").doesNotThrowAnyException();

            assertSetAsideUnread(name, "is a symbolic link; only regular files are read");
        }
        assertThat(target).hasContent(SECRET);
    }

    @Test
    void aFifoIsNeverOpened() throws Exception {
        Path fifo = bridge.dir("inbox").resolve("x.jsonl");
        Files.createDirectories(fifo.getParent());
        assumeThat(mkfifo(fifo)).as("mkfifo is not available here (Windows)").isTrue();

        assertSetAsideUnread("x.jsonl", "is a special file");
    }

    @Test
    void aFolderIsLeftAloneAndNothingInsideIsRead() throws Exception {
        Path folder = Files.createDirectories(bridge.dir("inbox").resolve("y.json"));
        Files.writeString(folder.resolve("inside.json"), DESCRIPTOR);

        bridge.drop("after-folder.json", DESCRIPTOR);

        assertThat(bridge.awaitReceipt("after-folder.json").path("summary").path("submitted").asInt()).isEqualTo(1);
        assertThat(folder.resolve("inside.json")).exists();
        assertThat(bridge.dir("receipts").resolve("inside.json.receipt.json")).doesNotExist();
    }

    private void assertSetAsideUnread(String name, String reason) {
        Path report = bridge.dir("deadletter/unreadable").resolve(name + ".error.json");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(report)
                && !Files.exists(bridge.dir("inbox").resolve(name), LinkOption.NOFOLLOW_LINKS));
        JsonNode error = BridgeHarness.read(report);
        assertThat(error.path("reason").asText()).isEqualTo(name + " " + reason
                + (reason.startsWith("is a special") ? " (FIFO, device or socket); only regular files are read" : ""));
        assertThat(bridge.dir("deadletter/unreadable").resolve(name)).doesNotExist();
        assertThat(bridge.dir("receipts").resolve(name + ".receipt.json")).doesNotExist();

        bridge.drop("after-" + name + ".json", DESCRIPTOR);
        assertThat(bridge.awaitReceipt("after-" + name + ".json").path("summary").path("submitted").asInt()).isEqualTo(1);
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
