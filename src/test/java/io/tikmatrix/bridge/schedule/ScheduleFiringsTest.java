package io.tikmatrix.bridge.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.descriptor.Descriptor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What one firing becomes: a copy of the task under the fire time's key, and a jitter that leaves the key alone. */
class ScheduleFiringsTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZonedDateTime NINE_AM = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, KOLKATA);

    private final ScheduleFirings firings = new ScheduleFirings();

    private Schedule schedule(Duration jitter) throws Exception {
        ObjectNode task = (ObjectNode) new ObjectMapper().readTree(
                "{\"script_name\": \"account_warmup\", \"serials\": [\"emulator-5554\"], \"script_config\": {\"task_duration\": 600}}");
        Schedule schedule = new Schedule("warmup", "0 0 9 * * ?", KOLKATA, Misfire.FIRE_ONCE, true, jitter, task);
        firings.put(schedule);
        return schedule;
    }

    @Test
    void aFiringIsACopyOfTheTaskKeyedByTheScheduledFireTime() throws Exception {
        Schedule schedule = schedule(Duration.ofMinutes(5));

        Descriptor descriptor = firings.descriptor("warmup", Date.from(NINE_AM.toInstant()));
        descriptor.body().put("script_name", "changed by a later step");

        assertThat(descriptor.key()).isEqualTo("schedule:warmup@2026-03-02T09:00:00+05:30");
        assertThat(descriptor.source().schedule()).isEqualTo("warmup");
        assertThat(descriptor.source().fireTime()).isEqualTo("2026-03-02T09:00:00+05:30");
        assertThat(schedule.task().path("script_name").asText()).isEqualTo("account_warmup");
    }

    @Test
    void theJitterIsARandomWaitUpToTheSchedulesBound() throws Exception {
        schedule(Duration.ofSeconds(2));

        List<Long> waits = LongStream.range(0, 200).map(i -> firings.jitterMillis("warmup")).boxed().toList();

        assertThat(waits).allMatch(w -> w >= 0 && w <= 2_000);
        assertThat(waits.stream().distinct().count()).as("not one fixed delay").isGreaterThan(50);
    }

    @Test
    void noJitterIsNoWait() throws Exception {
        schedule(Duration.ZERO);

        assertThat(firings.jitterMillis("warmup")).isZero();
    }
}
