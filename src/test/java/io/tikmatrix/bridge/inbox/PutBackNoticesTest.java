package io.tikmatrix.bridge.inbox;

import io.tikmatrix.bridge.simulator.ManualClock;
import io.tikmatrix.bridge.submit.TakeAgainLaterException;
import io.tikmatrix.bridge.support.CapturedLogs;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a file stays in the inbox is said at INFO once a minute per file, however often it is put back meanwhile. */
class PutBackNoticesTest {

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(PutBackNotices.class);

    private final CamelContext camel = new DefaultCamelContext();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final PutBackNotices notices = new PutBackNotices(clock);

    @Test
    void aFilePutBackAtEveryPollIsSaidOnceAMinute() {
        notices.say(putBack("spread.jsonl", "spread.jsonl line 2: intake is held (host-2: TikMatrix cannot be reached)"));
        notices.say(putBack("spread.jsonl", "spread.jsonl line 5: intake is held (host-2: TikMatrix cannot be reached)"));
        notices.say(putBack("other.csv", "other.csv row 3: intake is held (host-2: TikMatrix cannot be reached)"));
        clock.advance(Duration.ofSeconds(59));
        notices.say(putBack("spread.jsonl", "spread.jsonl line 2: again within the minute"));
        clock.advance(Duration.ofSeconds(1));
        notices.say(putBack("spread.jsonl", "spread.jsonl line 2: a minute later"));

        assertThat(logs.all().lines()).containsExactly(
                "spread.jsonl: spread.jsonl line 2: intake is held (host-2: TikMatrix cannot be reached)",
                "other.csv: other.csv row 3: intake is held (host-2: TikMatrix cannot be reached)",
                "spread.jsonl: spread.jsonl line 2: a minute later");
    }

    private Exchange putBack(String file, String why) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, file);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new TakeAgainLaterException(why));
        return exchange;
    }
}
