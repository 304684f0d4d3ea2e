package io.tikmatrix.bridge.inbox;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says why a file stays in the inbox to be taken again (a descriptor another bridge is submitting, intake held, a
 * fleet's host that is off): once a minute per file at INFO, the rest at DEBUG. A file whose part for a PC that is
 * off is put back at every poll of the inbox, each of its descriptors for that PC with the same reason: said each
 * time, it would bury the console log (README, "Logging": one line per file).
 */
public class PutBackNotices {

    static final Duration EVERY = Duration.ofMinutes(1);
    private static final int FILES_REMEMBERED = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(PutBackNotices.class);

    private final Clock clock;
    private final Map<String, Instant> said = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > FILES_REMEMBERED;
        }
    };

    public PutBackNotices(Clock clock) {
        this.clock = clock;
    }

    public void say(Exchange exchange) {
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, "", String.class);
        Exception why = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String line = (file.isEmpty() ? "" : file + ": ") + (why == null ? "taken again later" : why.getMessage());
        if (firstThisMinute(file)) {
            LOG.info("{}", line);
        } else {
            LOG.debug("{}", line);
        }
    }

    private synchronized boolean firstThisMinute(String file) {
        Instant now = clock.instant();
        Instant last = said.get(file);
        if (last != null && Duration.between(last, now).compareTo(EVERY) < 0) {
            return false;
        }
        said.put(file, now);
        return true;
    }
}
