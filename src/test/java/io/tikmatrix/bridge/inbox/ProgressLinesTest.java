package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.descriptor.Source;
import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.submit.ReceiptLine;
import io.tikmatrix.bridge.support.CapturedLogs;
import io.tikmatrix.bridge.validation.DeadLetterKey;
import io.tikmatrix.bridge.validation.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A long file tells the console how far it got every 5 seconds, and its end, instead of a line per descriptor. */
class ProgressLinesTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(ReceiptWriter.class);

    @TempDir
    Path dir;

    @Test
    void everyFiveSecondsOneLineThenOneWhenDone() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
        ReceiptWriter receipt = new ReceiptWriter(dir.resolve("orders.csv.receipt.json"), "orders.csv", "orders.csv",
                10_000, "ab12", clock);
        int index = 0;
        for (; index < 4_199; index++) {
            receipt.append(index, ReceiptLine.submitted(Source.file("orders.csv", index + 2), "k" + index, List.of((long) index)));
        }
        receipt.append(index++, ReceiptLine.deadLettered(Source.file("orders.csv", index + 1), "k" + index,
                Rejection.of(DeadLetterKey.INVALID_PARAMETERS, "orders.csv row " + (index + 1) + ": serials: required")));
        assertThat(logs.all()).as("nothing before 5 seconds").isEmpty();

        clock.advance(Duration.ofSeconds(4));
        receipt.append(index++, ReceiptLine.duplicate(Source.file("orders.csv", index + 1), "k" + index, List.of(1L)));
        assertThat(logs.all()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        receipt.append(index, ReceiptLine.submitted(Source.file("orders.csv", index + 2), "k" + index, List.of((long) index)));
        assertThat(logs.all()).isEqualTo("orders.csv 4,200/10,000 submitted, 1 dead-lettered, 1 duplicate, 840/s");

        clock.advance(Duration.ofMillis(1500));
        receipt.finish();
        assertThat(logs.all().lines()).last().isEqualTo("done orders.csv in 6.5s: 4,200 submitted, 1 dead-lettered, 1 duplicate");
    }
}
