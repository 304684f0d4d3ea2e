package io.tikmatrix.bridge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.support.BridgeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CSV saved as Excel's "CSV (Comma delimited)" is Windows-1252, not UTF-8: by default it is unreadable with the
 * way out in the reason, and with bridge.inbox.csv-charset=windows-1252 it is read as the user wrote it.
 */
class CsvCharsetTest {

    private static final byte[] EXCEL_CSV = "id,Serials,Script_Name,material_list,captions\nexcel-1,s1,post,a.mp4,caf\u00e9 \u201cnoir\u201d \u20ac5\n"
            .getBytes(Charset.forName("windows-1252"));

    @RegisterExtension
    final BridgeHarness bridge = new BridgeHarness();

    @Test
    void byDefaultTheReasonSaysHowToSaveIt() {
        bridge.start().drop("excel.csv", EXCEL_CSV);

        Path errorReport = bridge.dir("deadletter/unreadable").resolve("excel.csv.error.json");
        await().atMost(Duration.ofSeconds(15)).until(() -> errorReport.toFile().exists());
        assertThat(BridgeHarness.read(errorReport).path("reason").asText()).isEqualTo("excel.csv: not valid UTF-8 at byte 71;"
                + " in Excel, save it as \"CSV UTF-8 (Comma delimited)\", or set bridge.inbox.csv-charset=windows-1252 for Excel's"
                + " \"CSV (Comma delimited)\"");
        assertThat(bridge.simulator().requestCount("POST", "/task")).isZero();
    }

    @Test
    void withTheCharsetSetItIsReadAsWritten() {
        bridge.with("bridge.inbox.csv-charset", "windows-1252").start().drop("excel.csv", EXCEL_CSV);

        JsonNode line = bridge.awaitReceipt("excel.csv").path("descriptors").get(0);

        assertThat(line.path("outcome").asText()).isEqualTo("submitted");
        assertThat(bridge.simulator().receivedTaskBodies().get(0).path("script_config").path("captions").asText())
                .isEqualTo("caf\u00e9 \u201cnoir\u201d \u20ac5");
    }
}
