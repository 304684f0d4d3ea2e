package io.tikmatrix.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.config.BridgeConfig;
import io.tikmatrix.bridge.descriptor.DescriptorKeys;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.licence.LicenceGate;
import io.tikmatrix.bridge.metrics.BridgeMetrics;
import io.tikmatrix.bridge.schedule.FireTimes;
import io.tikmatrix.bridge.schedule.Schedule;
import io.tikmatrix.bridge.schedule.SchedulesReload;
import io.tikmatrix.bridge.store.EventOutbox;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.store.TrackedTask;
import io.tikmatrix.bridge.validation.SecretMasker;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The admin API's answers (README, "Operating it"): JSON in, JSON out, a refusal as {@code {"error": …}} with its
 * HTTP status. Each method is one step of routes/admin-api.camel.yaml; the work itself is done by the beans that
 * own it (the licence gate holds intake, the store counts).
 */
public class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String[] TASK_STATUSES = {"pending", "running", "completed", "failed"};

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private static final int FIRE_TIMES_SHOWN = 5;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LicenceGate gate;
    private final BridgeMetrics metrics;
    private final SubmissionJournal journal;
    private final TaskStore tasks;
    private final EventOutbox outbox;
    private final List<String> endpoints;
    private final SchedulesReload schedules;
    private final InboxDrops inbox;
    private final DeadLetterFolders deadLetters;
    private final Path receipts;
    private final FilesInProgress inProgress = new FilesInProgress();
    private final Receipts receiptFiles;
    private final Clock clock;

    /** @param endpoints the names of the event endpoints */
    public AdminApi(LicenceGate gate, BridgeMetrics metrics, SubmissionJournal journal, TaskStore tasks, EventOutbox outbox,
                    List<String> endpoints, SchedulesReload schedules, BridgeConfig config, Clock clock) {
        this.gate = gate;
        this.metrics = metrics;
        this.journal = journal;
        this.tasks = tasks;
        this.outbox = outbox;
        this.endpoints = List.copyOf(endpoints);
        this.schedules = schedules;
        this.inbox = new InboxDrops(config.path("bridge.inbox.dir"), config.path("bridge.data-dir").resolve("staging").resolve("admin"));
        this.deadLetters = new DeadLetterFolders(config, inbox);
        this.receipts = config.path("bridge.receipts.dir");
        this.receiptFiles = new Receipts(receipts);
        this.clock = clock;
    }

    /**
     * A request's body, when it has one, is a JSON object: anything else is refused before any step acts on it.
     * The guard already refused one that is too large.
     */
    public void requireJsonBody(Exchange exchange) throws ApiRefusal {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiRefusal(400, "the body must be a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new ApiRefusal(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * {@code GET /api/summary}: intake, calls in flight, descriptors of the last minute, descriptors by state, tasks by
     * status, events waiting.
     */
    public void summary(Exchange exchange) throws JsonProcessingException {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.set("intake", intake());
        summary.put("calls_in_flight", metrics.callsInFlight());
        summary.put("descriptors_last_minute", metrics.descriptorsLastMinute());
        ObjectNode descriptors = summary.putObject("descriptors");
        Map<SubmissionJournal.State, Long> states = journal.countByState();
        for (SubmissionJournal.State state : SubmissionJournal.State.values()) {
            descriptors.put(state.name().toLowerCase(Locale.ROOT), states.getOrDefault(state, 0L));
        }
        ObjectNode taskCounts = summary.putObject("tasks");
        Map<Integer, Long> byStatus = tasks.countByStatus();
        for (int status = 0; status < TASK_STATUSES.length; status++) {
            taskCounts.put(TASK_STATUSES[status], byStatus.getOrDefault(status, 0L));
        }
        ObjectNode waiting = summary.putObject("events_waiting");
        Map<String, Long> byEndpoint = outbox.waitingByEndpoint();
        endpoints.forEach(endpoint -> waiting.put(endpoint, byEndpoint.getOrDefault(endpoint, 0L)));
        answer(exchange, 200, summary);
    }

    /**
     * {@code GET /api/files?limit=&lines=}: the files being submitted now, each with its progress, then the most recent
     * receipts, newest first, each whole, or with {@code lines=false} without its lines but their counts.
     */
    public void files(Exchange exchange) throws ApiRefusal, IOException {
        int limit = limit(exchange);
        boolean whole = !"false".equals(exchange.getMessage().getHeader("lines", String.class));
        List<Path> newest;
        try (Stream<Path> files = Files.isDirectory(receipts) ? Files.list(receipts) : Stream.empty()) {
            // a receipt being written has a hidden partial name until it is whole
            newest = files.filter(f -> f.getFileName().toString().endsWith(Receipts.SUFFIX) && !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(AdminApi::modified).reversed()).limit(limit).toList();
        }
        ArrayNode done = Json.MAPPER.createArrayNode();
        for (Path receipt : newest) {
            String name = receipt.getFileName().toString();
            done.addObject().put("name", name.substring(0, name.length() - Receipts.SUFFIX.length()))
                    .set("receipt", whole ? Json.MAPPER.readTree(receipt.toFile()) : receiptFiles.head(receipt));
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        // a file whose receipt is whole is still in flight while its copy is archived: it is listed as done
        inProgress.list(exchange.getContext().getInflightRepository()).forEach(file -> {
            if (!hasReceipt(done, file.path("progress"))) {
                list.add(file);
            }
        });
        answer(exchange, 200, list.addAll(done));
    }

    /** Whether one of the receipts is that of the file in progress: its SHA-256, received since the file was taken. */
    private static boolean hasReceipt(ArrayNode receipts, JsonNode progress) {
        Instant taken = Instant.parse(progress.path("received_at").asText());
        for (JsonNode file : receipts) {
            JsonNode receipt = file.path("receipt");
            if (receipt.path("sha256").asText().equals(progress.path("sha256").asText())
                    && !Instant.parse(receipt.path("received_at").asText()).isBefore(taken)) {
                return true;
            }
        }
        return false;
    }

    /** {@code GET /api/files/{name}?offset=&limit=}: one receipt, with {@code limit} of its lines from {@code offset}. */
    public void file(Exchange exchange) throws ApiRefusal, IOException {
        Path receipt = receiptFiles.find(exchange.getMessage().getHeader("name", "", String.class));
        String offset = exchange.getMessage().getHeader("offset", "0", String.class);
        if (!offset.matches("\\d{1,18}")) {
            throw new ApiRefusal(400, "offset must be a whole number from 0, not '" + offset + "'");
        }
        answer(exchange, 200, receiptFiles.page(receipt, Long.parseLong(offset), limit(exchange)));
    }

    /** {@code GET /api/deadletters?key=}: one key's records, or every key's. */
    public void deadLetters(Exchange exchange) throws ApiRefusal, IOException {
        answer(exchange, 200, deadLetters.list(exchange.getMessage().getHeader("key", String.class)));
    }

    /** {@code GET /api/deadletters/{id}}: the record as it is written. */
    public void deadLetter(Exchange exchange) throws ApiRefusal, IOException {
        answer(exchange, 200, deadLetters.read(id(exchange)));
    }

    /** {@code DELETE /api/deadletters/{id}}: the record is gone, its descriptor is not submitted. */
    public void discardDeadLetter(Exchange exchange) throws ApiRefusal, IOException {
        String id = id(exchange);
        deadLetters.discard(id);
        answer(exchange, 200, Json.MAPPER.createObjectNode().put("discarded", id));
    }

    /** {@code DELETE /api/deadletters?key=}: every record of the key is gone, none is submitted. */
    public void discardDeadLetters(Exchange exchange) throws ApiRefusal, IOException {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("discarded", deadLetters.discardAll(exchange.getMessage().getHeader("key", String.class)));
        answer(exchange, 200, answer);
    }

    /** {@code POST /api/deadletters/{id}/replay}: the record goes into the inbox, as a replay by hand would. */
    public void replayDeadLetter(Exchange exchange) throws ApiRefusal, IOException {
        String id = id(exchange);
        String inboxFile = deadLetters.replay(id);
        answer(exchange, 202, Json.MAPPER.createObjectNode().put("replayed", id).put("inbox_file", inboxFile));
    }

    /** {@code POST /api/deadletters/replay?key=}: every record of the key that holds a descriptor. */
    public void replayDeadLetters(Exchange exchange) throws ApiRefusal, IOException {
        answer(exchange, 202, deadLetters.replayAll(exchange.getMessage().getHeader("key", String.class)));
    }

    /** {@code GET /api/tasks?status=&limit=}: the tasks the bridge created, newest first, as it last saw them. */
    public void tasks(Exchange exchange) throws ApiRefusal, JsonProcessingException {
        String status = exchange.getMessage().getHeader("status", String.class);
        Integer code = null;
        if (status != null && !status.isEmpty()) {
            code = List.of(TASK_STATUSES).indexOf(status);
            if (code < 0) {
                throw new ApiRefusal(400, "status must be one of " + String.join(", ", TASK_STATUSES) + ", not '" + status + "'");
            }
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (TaskStore.Listed listed : tasks.list(code, limit(exchange))) {
            TrackedTask task = listed.task();
            ObjectNode item = list.addObject();
            item.put("task_id", task.taskId());
            item.put("host", task.host());
            item.put("status", TASK_STATUSES[task.status()]);
            item.put("script_name", task.scriptName());
            item.put("serial", task.serial());
            item.put("username", task.username());
            item.put("descriptor_key", task.descriptorKey());
            item.set("source", task.source() == null ? null : Json.MAPPER.readTree(task.source()));
            item.put("updated_at", listed.updatedAt().toString());
        }
        answer(exchange, 200, list);
    }

    /** {@code GET /api/schedules}: every schedule of the file, whether it runs (and who said so), its next fire times. */
    public void schedules(Exchange exchange) throws JsonProcessingException {
        Instant now = clock.instant();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (SchedulesReload.ScheduleState state : schedules.states()) {
            Schedule schedule = state.schedule();
            ObjectNode item = list.addObject();
            item.put("name", schedule.name());
            item.put("cron", schedule.cron());
            item.put("timezone", schedule.timezone().getId());
            item.put("misfire", schedule.misfire().text());
            item.put("enabled", state.enabled());
            item.put("enabled_in_file", schedule.enabled());
            item.put("switched", state.switched());
            ArrayNode next = item.putArray("next_fire_times");
            if (state.enabled()) {
                FireTimes.next(schedule, now, FIRE_TIMES_SHOWN).forEach(time -> next.add(time.toOffsetDateTime().toString()));
            }
            item.set("last_firing", lastFiring(schedule, now));
            item.set("task", SecretMasker.mask(schedule.task()));
        }
        answer(exchange, 200, list);
    }

    /**
     * The latest fire time the journal knows, with what became of it. The fire time of this very second may not have
     * fired yet, so the one before it is looked at too; when neither fired (the bridge was down or held, the schedule
     * off) the latest is named with the state {@code none}. The fire time is written as in the firing's key.
     */
    private ObjectNode lastFiring(Schedule schedule, Instant now) {
        ZonedDateTime latest = FireTimes.slotAtOrBefore(schedule, now);
        ZonedDateTime slot = latest;
        for (int look = 0; look < 2; look++) {
            Optional<SubmissionJournal.Earlier> firing = journal.find(FireTimes.fireKey(schedule.name(), slot));
            if (firing.isPresent()) {
                ObjectNode last = Json.MAPPER.createObjectNode().put("fire_time", FireTimes.fireTimeText(slot))
                        .put("state", firing.get().state().name().toLowerCase(Locale.ROOT));
                firing.get().taskIds().forEach(last.putArray("task_ids")::add);
                return last.put("dead_letter_key", firing.get().deadLetterKey());
            }
            slot = FireTimes.slotAtOrBefore(schedule, slot.toInstant().minusSeconds(1));
        }
        return Json.MAPPER.createObjectNode().put("fire_time", FireTimes.fireTimeText(latest)).put("state", "none");
    }

    /**
     * {@code POST /api/schedules/{name}/run}: one firing now, dropped into the inbox as a file (so it has a receipt)
     * under a key of its own, {@code schedule:<name>@run-<time>}: each request is one task.
     */
    public void runSchedule(Exchange exchange) throws ApiRefusal, IOException {
        Schedule schedule = schedule(exchange);
        Instant now = clock.instant();
        ObjectNode descriptor = Json.MAPPER.createObjectNode();
        descriptor.put("id", DescriptorKeys.forScheduleFiring(schedule.name(), "run-" + now));
        descriptor.setAll(schedule.task().deepCopy());
        Path dropped = inbox.drop("run-" + schedule.name() + "-" + RUN_STAMP.format(now) + ".json", Json.MAPPER.writeValueAsBytes(descriptor));
        answer(exchange, 202, Json.MAPPER.createObjectNode().put("schedule", schedule.name())
                .put("key", descriptor.path("id").asText()).put("inbox_file", dropped.getFileName().toString()));
    }

    /** {@code POST /api/schedules/{name}/enable}: kept in the store until schedules.yaml changes the schedule. */
    public void enableSchedule(Exchange exchange) throws Exception {
        switchSchedule(exchange, true);
    }

    /** {@code POST /api/schedules/{name}/disable}: likewise. */
    public void disableSchedule(Exchange exchange) throws Exception {
        switchSchedule(exchange, false);
    }

    private void switchSchedule(Exchange exchange, boolean enabled) throws Exception {
        Schedule schedule = schedule(exchange);
        schedules.switchTo(schedule.name(), enabled);
        answer(exchange, 200, Json.MAPPER.createObjectNode().put("name", schedule.name()).put("enabled", enabled));
    }

    private Schedule schedule(Exchange exchange) throws ApiRefusal {
        String name = exchange.getMessage().getHeader("name", "", String.class);
        return schedules.states().stream().map(SchedulesReload.ScheduleState::schedule).filter(s -> s.name().equals(name))
                .findFirst().orElseThrow(() -> new ApiRefusal(404, "no schedule '" + name + "' in the schedules file"));
    }

    /** {@code POST /api/intake/pause}: this bridge takes in no new file or firing until resumed. */
    public void pauseIntake(Exchange exchange) throws JsonProcessingException {
        gate.pause();
        answer(exchange, 200, intake());
    }

    /** {@code POST /api/intake/resume}: intake opens again, as far as the licence lets it. */
    public void resumeIntake(Exchange exchange) throws JsonProcessingException {
        gate.resume();
        answer(exchange, 200, intake());
    }

    /** The answer to a request the API refused ({@link ApiRefusal}), or could not do (500, logged). */
    public void failed(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof ApiRefusal refusal) {
            answer(exchange, refusal.status(), Json.MAPPER.createObjectNode().put("error", refusal.getMessage()));
            return;
        }
        LOG.error("admin API: {} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_URI), e);
        answer(exchange, 500, Json.MAPPER.createObjectNode().put("error", "the bridge could not do this: " + e));
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader("id", "", String.class);
    }

    private static int limit(Exchange exchange) throws ApiRefusal {
        String text = exchange.getMessage().getHeader("limit", String.class);
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new ApiRefusal(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private ObjectNode intake() {
        ObjectNode intake = Json.MAPPER.createObjectNode();
        intake.put("open", gate.isOpen());
        intake.put("paused", gate.isPaused());
        intake.put("licence", gate.state().name().toLowerCase(Locale.ROOT));
        intake.put("reason", gate.reason());
        return intake;
    }

    static void answer(Exchange exchange, int status, JsonNode body) throws JsonProcessingException {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(body));
    }
}
