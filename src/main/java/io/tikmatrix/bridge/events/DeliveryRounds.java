package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.EventOutbox;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts each endpoint's delivery rounds (the event-delivery routes): at once when this bridge commits rows that may
 * be due, again at once after a full round, {@code bridge.events.delivery-interval} after a round that sent some, and
 * otherwise only when the outbox's quiet ends (the earliest retry, or a few seconds for rows another bridge on the
 * store wrote). An idle bridge so starts no round at all for seconds on end, where a timer would run one four times a
 * second per endpoint, and a new event leaves as soon as it is stored.
 *
 * <p>One thread per endpoint, each running its rounds one after the other: a round never overlaps the next, so an
 * event is never picked twice, and a slow endpoint holds back no other.
 */
public final class DeliveryRounds extends ServiceSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRounds.class);

    private final List<EventEndpoint> endpoints;
    private final EventOutbox outbox;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Semaphore> wakes;
    private volatile CountDownLatch stopping;
    private CamelContext camelContext;
    private ExecutorService threads;

    public DeliveryRounds(List<EventEndpoint> endpoints, EventOutbox outbox, Duration interval, Clock clock) {
        this.endpoints = List.copyOf(endpoints);
        this.outbox = outbox;
        this.interval = interval;
        this.clock = clock;
        this.wakes = endpoints.stream().collect(Collectors.toMap(EventEndpoint::name, e -> new Semaphore(0)));
        outbox.whenWritten(this::wakeAll);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        if (endpoints.isEmpty()) {
            return;
        }
        stopping = new CountDownLatch(1);
        // the rounds start once the delivery routes run
        camelContext.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                ProducerTemplate template = context.createProducerTemplate();
                threads = context.getExecutorServiceManager().newFixedThreadPool(DeliveryRounds.this, "event-delivery", endpoints.size());
                endpoints.forEach(endpoint -> threads.execute(() -> rounds(endpoint, template)));
            }
        });
    }

    @Override
    protected void doStop() {
        if (stopping != null) {
            stopping.countDown();
        }
        wakeAll();
        if (threads != null) {
            camelContext.getExecutorServiceManager().shutdownGraceful(threads);
            threads = null;
        }
    }

    private void wakeAll() {
        // one permit at most: a wake while a round runs starts one more round, not one per row written
        wakes.values().forEach(wake -> {
            if (wake.availablePermits() == 0) {
                wake.release();
            }
        });
    }

    private void rounds(EventEndpoint endpoint, ProducerTemplate template) {
        Semaphore wake = wakes.get(endpoint.name());
        while (isRunAllowed()) {
            wake.drainPermits();
            // in-only, as a timer's exchange would be: a JMS endpoint must not wait for a reply.
            // block=false: once the route stopped (the bridge stopping) this fails at once
            Exchange round = template.send(endpoint.roundUri() + "?block=false", ExchangePattern.InOnly, exchange -> { });
            int sent;
            if (round.getException() == null) {
                Integer rows = round.getMessage().getBody(Integer.class);
                sent = rows == null ? -1 : rows;
            } else {
                if (!(round.getException() instanceof DirectConsumerNotAvailableException)) {
                    LOG.warn("event delivery round of {} failed: {}", endpoint.name(), round.getException().getMessage());
                }
                // try again after the interval
                sent = -1;
            }
            try {
                if (sent == EventDelivery.ROUND_SIZE) {
                    continue;
                }
                if (sent != 0) {
                    // paced: rows written meanwhile wait for the next round, they do not start one each
                    stopping.await(interval.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                long quietFor = outbox.quietUntilMillis(endpoint.name()) - clock.millis();
                wake.tryAcquire(Math.max(interval.toMillis(), quietFor), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
