package io.tikmatrix.bridge.inbox;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An empty inbox is looked at when a file arrives, not every poll interval; one that holds a file it takes (one that
 * stays, say) is looked at every poll interval, as camel-file's own scheduler does; an inbox deleted and made again
 * is watched again.
 */
class InboxWatchTest {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path dataDir;

    private Path inbox;

    private final AtomicInteger looks = new AtomicInteger();
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void makeInbox() throws Exception {
        inbox = Files.createDirectories(dataDir.resolve("inbox"));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void anEmptyInboxIsLookedAtWhenAFileArrives() throws Exception {
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() == 1);
        // camel-file's scheduler would look ten times in a second
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> looks.get() == 1);

        Files.writeString(inbox.resolve("posts.jsonl"), "{}\n");

        await().atMost(Duration.ofSeconds(5)).until(() -> taken.equals(List.of("posts.jsonl")));
    }

    @Test
    void anInboxHoldingAFileIsLookedAtEveryPollInterval() throws Exception {
        Files.writeString(inbox.resolve("stays.json"), "{}");
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= 5);
        assertThat(taken).isEmpty();
    }

    @Test
    void filesTheInboxDoesNotTakeDoNotKeepItLooking() throws Exception {
        Files.writeString(inbox.resolve("posts.error.json"), "{}");
        Files.writeString(inbox.resolve(".hidden.json"), "{}");
        Files.writeString(inbox.resolve("notes.txt"), "");
        start();

        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> looks.get() == 1);
        assertThat(taken).isEmpty();
    }

    @Test
    void anInboxDeletedAndMadeAgainIsWatchedAgain() throws Exception {
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() == 1);

        Files.delete(inbox);
        // a missing inbox is looked at every poll interval, as camel-file's scheduler would
        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= 5);
        Files.createDirectory(inbox);
        await().atMost(Duration.ofSeconds(5)).until(() -> watchedAgain(looks.get()));
        Files.writeString(inbox.resolve("posts.jsonl"), "{}\n");

        await().atMost(Duration.ofSeconds(5)).until(() -> taken.equals(List.of("posts.jsonl")));
    }

    /** @return whether the looks stopped for a second: the folder is watched, not polled */
    private boolean watchedAgain(int looksBefore) {
        try {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> looks.get() == looksBefore);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private void start() throws Exception {
        camel.getRegistry().bind("watch", new InboxWatch(POLL_INTERVAL, Duration.ofHours(1)));
        camel.getRegistry().bind("looks", new CountedLooks());
        // a file named stays.json is never taken, as a file waiting for its PC is not
        camel.getRegistry().bind("notStays", (GenericFileFilter<Object>) (GenericFile<Object> file) -> !file.getFileName().equals("stays.json"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?scheduler=#watch&pollStrategy=#looks&noop=true&filter=#notStays"
                        + "&include=(?i).*\\.(json|jsonl)&exclude=(?i).*\\.error\\.json")
                        .process(exchange -> taken.add(exchange.getMessage().getHeader("CamelFileName", String.class)));
            }
        });
        camel.start();
    }

    private final class CountedLooks implements PollingConsumerPollStrategy {
        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            looks.incrementAndGet();
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) {
            return false;
        }
    }
}
