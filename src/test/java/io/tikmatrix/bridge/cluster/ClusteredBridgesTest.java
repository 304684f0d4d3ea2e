package io.tikmatrix.bridge.cluster;

import io.tikmatrix.bridge.simulator.SimulatedFleet;
import io.tikmatrix.bridge.simulator.SimulatorSettings;
import io.tikmatrix.bridge.simulator.Task;
import io.tikmatrix.bridge.support.BridgeProcess;
import io.tikmatrix.bridge.support.TestDatabases;
import io.tikmatrix.bridge.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three bridge JVMs on one PostgreSQL store and one shared inbox, in front of a fleet of three TikMatrix PCs (simulated
 * in this JVM, 20 phones each): 1,000 descriptors spread over the fleet's phones are dropped into the shared inbox, the
 * busiest bridge is killed with {@code kill -9} and started again once the others have taken its work over, and one PC
 * is switched off for 20 s meanwhile. Every line is exactly one task on the host that has its phone, every task's
 * events reach both endpoints, an event twice only when the dead bridge was sending it, each schedule fire time runs
 * once and goes on without the dead bridge, more bridges do not multiply the status poll, and the PC that was off
 * delayed only its own lines.
 */
class ClusteredBridgesTest {

    private static final int FILES = 10;
    private static final int LINES_PER_FILE = 100;
    private static final List<String> BRIDGES = List.of("first", "second", "third");
    /** Each line's phone: the fleet's 60, in turn (SimulatedFleet: host-1 has emulator-5554…5573, and so on). */
    private static final int PHONES = 60;
    private static final Duration HOST_DOWN = Duration.ofSeconds(20);
    private static final int LINES = FILES * LINES_PER_FILE;
    private static final Duration FAILOVER = Duration.ofSeconds(6);
    /** The status poll's requests are counted over this long, with one bridge and then with two. */
    private static final Duration POLL_WINDOW = Duration.ofSeconds(4);
    /** How long past its missed check-in Quartz waits before it calls a cluster member dead (JobStoreSupport). */
    private static final Duration QUARTZ_GRACE = Duration.ofMillis(7_500);
    /** What one delivery round of a bridge sends at most (EventDelivery's batch): what a kill can leave unmarked. */
    private static final int DELIVERY_ROUND = 100;
    /** What a bridge logs of a file it put back because a line of it was in another bridge's hands. */
    private static final String ANOTHER_BRIDGES_LINE = "is being submitted by another bridge";

    @TempDir
    Path root;

    private SimulatedFleet fleet;
    private WebhookReceiver webhook;
    private final List<BridgeProcess> bridges = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        bridges.forEach(BridgeProcess::close);
        if (webhook != null) {
            webhook.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeBridgesShareTheWorkAndOneDyingLosesNorDoublesAnything() throws Exception {
        String store = TestDatabases.freshPostgresSchema();
        fleet = SimulatedFleet.start(3, SimulatorSettings.defaults()
                .withPendingFor(Duration.ofMillis(200)).withRunningFor(Duration.ofMillis(300)));
        webhook = new WebhookReceiver(() -> 200);
        Path shared = root.resolve("shared");
        Map<String, BridgeProcess> byName = new TreeMap<>();
        for (String name : BRIDGES) {
            byName.put(name, bridge(name, store, shared));
        }

        byName.get("first").start();
        PollLoad oneBridge = pollLoad();
        byName.get("second").start();
        byName.get("third").start();
        PollLoad threeBridges = pollLoad();
        System.out.println("status poll of each host with one bridge: " + oneBridge + "; with three: " + threeBridges);
        assertThat(oneBridge.pollsPerSecond()).as("the status poll runs").isPositive();
        assertThat(threeBridges.pollsPerSecond()).as("one bridge polls for all").isLessThan(oneBridge.pollsPerSecond() * 1.3 + 0.5);

        long droppedAt = System.nanoTime();
        for (int file = 1; file <= FILES; file++) {
            drop(shared.resolve("inbox"), file);
        }
        await("tasks before the kill").atMost(Duration.ofSeconds(90)).until(() -> posts().size() >= LINES / 4);
        assertThat(BRIDGES.stream().map(this::log))
                .as("while all live, no bridge meets a line another is submitting: they never read the same file")
                .noneMatch(log -> log.contains(ANOTHER_BRIDGES_LINE));
        String busiest = busiest(byName);
        BridgeProcess killed = byName.get(busiest);
        int pollsBeforeKill = pollRequests();
        long killedAt = System.nanoTime();
        Instant killedAtWall = Instant.now();
        killed.kill();
        System.out.println("killed the busiest bridge, " + busiest + ", with " + posts().size() + " of " + LINES + " lines made tasks");
        // what the dead bridge had on the wire reaches the receiver a moment after its death; its rows stay under
        // lease for the whole fail-over, so nothing of them is sent again this soon
        await("requests of the dead bridge still on the wire").pollDelay(Duration.ofMillis(500)).until(() -> true);
        int webhookBeforeKill = webhook.received().size();
        await("the status poll taken over").atMost(FAILOVER.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> pollRequests() > pollsBeforeKill + 3);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("status poll taken over " + takeOver.toMillis() + " ms after the kill");
        assertThat(takeOver).isLessThanOrEqualTo(FAILOVER);

        // host-3 goes off for 20 s: the other hosts' lines go on meanwhile
        fleet.down("host-3");
        long downAt = System.nanoTime();
        int othersAtDown = tasksOn("host-1") + tasksOn("host-2");
        int host3AtDown = tasksOn("host-3");
        await("the other hosts' lines go on while host-3 is off").atMost(HOST_DOWN)
                .until(() -> tasksOn("host-1") + tasksOn("host-2") > othersAtDown + 50 || linesLeft("host-1") + linesLeft("host-2") == 0);
        Duration stillOff = HOST_DOWN.minusNanos(System.nanoTime() - downAt);
        await("host-3 off for 20 s").pollDelay(stillOff.isNegative() ? Duration.ZERO : stillOff).atMost(HOST_DOWN).until(() -> true);
        assertThat(tasksOn("host-3")).as("nothing reached host-3 while it was off").isEqualTo(host3AtDown);
        System.out.println("while host-3 was off for " + HOST_DOWN.toSeconds() + " s, host-1 and host-2 got "
                + (tasksOn("host-1") + tasksOn("host-2") - othersAtDown) + " tasks");
        fleet.up("host-3");

        // the dead bridge's files, lines and events go to the others once their leases run out: no restart needed
        await("a task for every line, without the dead bridge").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> captions().size() >= LINES && inboxIsEmpty(shared.resolve("inbox")));
        System.out.println("every line had its task " + Duration.ofNanos(System.nanoTime() - killedAt).toMillis()
                + " ms after the kill (fail-over " + FAILOVER.toMillis() + " ms); " + LINES + " lines in "
                + Duration.ofNanos(System.nanoTime() - droppedAt).toMillis() + " ms from the drop, host-3 off for "
                + HOST_DOWN.toSeconds() + " s of them");
        // Quartz calls a member dead once it missed its check-in (every quarter of the fail-over) by a fixed 7.5 s
        await("the schedule going on without the dead bridge").atMost(FAILOVER.dividedBy(2).plus(QUARTZ_GRACE).plusSeconds(3))
                .pollInterval(Duration.ofMillis(100)).until(() -> fireTimes(store).stream().anyMatch(fired -> fired.isAfter(killedAtWall)));
        killed.start();
        // the schedule goes on making tasks: those made until now must finish and be announced
        Map<String, List<Task>> made = new TreeMap<>();
        fleet.names().forEach(host -> made.put(host, fleet.host(host).tasks()));
        await("every task's creation and final events in both endpoints").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(tasksWithoutTheirEvents(made, shared.resolve("events"))).isEmpty());
        // a task's events leave in order, so with its final event every status change of it reached both endpoints
        await("every (task, status) event of those tasks in both endpoints").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(eventIds(webhookIds(), made)).isEqualTo(eventIds(folderIds(shared.resolve("events")), made)));

        Map<String, List<String>> tasksByCaption = captions();
        assertThat(tasksByCaption).hasSize(LINES);
        assertThat(tasksByCaption.entrySet().stream().filter(e -> e.getValue().size() != 1).map(Map.Entry::toString))
                .as("lines that became more than one task").isEmpty();
        assertThat(tasksByCaption.entrySet().stream().filter(e -> !e.getValue().get(0).equals(hostOf(e.getKey())))
                .map(Map.Entry::toString)).as("lines whose task is on another host than their phone's").isEmpty();

        Map<String, Long> timesReceived = webhook.accepted().stream()
                .collect(Collectors.groupingBy(r -> r.event().path("id").asText(), TreeMap::new, Collectors.counting()));
        List<String> sentBeforeKill = webhook.received().subList(0, webhookBeforeKill).stream()
                .map(r -> r.event().path("id").asText()).toList();
        List<String> twice = timesReceived.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        System.out.println("webhook: " + timesReceived.size() + " events, " + twice.size() + " received twice");
        assertThat(timesReceived.values()).as("no event more than twice").allMatch(n -> n <= 2);
        assertThat(twice).as("only events the killed bridge was sending").hasSizeLessThanOrEqualTo(DELIVERY_ROUND)
                .allMatch(sentBeforeKill::contains);

        Map<String, List<String>> receiptsByBridge = new TreeMap<>();
        for (String bridge : BRIDGES) {
            receiptsByBridge.put(bridge, receipts(root.resolve(bridge).resolve("data/receipts")));
        }
        System.out.println("receipts written by each bridge: " + receiptsByBridge);
        assertThat(receiptsByBridge.values().stream().flatMap(List::stream))
                .as("each file taken whole by one bridge at a time, and receipted once")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, FILES)
                        .mapToObj(file -> "cluster-" + file + ".jsonl.receipt.json").toList());
        assertThat(rows(store, "SELECT file_name FROM bridge_inbox_claim")).as("no file claim left behind").isEmpty();

        assertThat(fireTimes(store)).as("the schedule fired while the bridges ran").hasSizeGreaterThan(3);
        // the schedule goes on firing: between two fire times, the one just claimed has had its call too. A fire time
        // run twice (or never: the dead bridge's, had no other bridge taken it up) keeps the counts apart for good
        await("each fire time ran once").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(warmUps()).as("warm-up tasks, one a fire time; fire times without an outcome: %s",
                        rows(store, "SELECT descriptor_key FROM bridge_submission WHERE descriptor_key LIKE 'schedule:%' AND state <> 'SUBMITTED'"))
                        .hasSameSizeAs(fireTimes(store)));
    }

    private BridgeProcess bridge(String name, String store, Path shared) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/schedules.yaml"), """
                schedules:
                  - name: every-2s
                    cron: "*/2 * * * * ?"
                    task:
                      script_name: account_warmup
                      serials: ["emulator-5554"]
                      script_config: {task_duration: 60}
                """);
        Map<String, String> settings = new TreeMap<>(fleet.hostProperties());
        settings.putAll(Map.ofEntries(
                Map.entry("bridge.data-dir", home.resolve("data").toString()),
                Map.entry("bridge.inbox.dir", shared.resolve("inbox").toString()),
                Map.entry("bridge.store.jdbc-url", store),
                Map.entry("bridge.events.endpoints", "file:" + shared.resolve("events") + "," + webhook.url()),
                Map.entry("bridge.cluster.failover", FAILOVER.toSeconds() + "s"),
                Map.entry("bridge.store.claim-lease", FAILOVER.toSeconds() + "s"),
                Map.entry("bridge.inbox.poll-interval", "200ms"),
                Map.entry("bridge.inbox.stable-for", "100ms"),
                Map.entry("bridge.retry.initial-delay", "100ms"),
                Map.entry("bridge.retry.max-delay", "1s"),
                // host-3 is off for 20 s: a line of it already claimed keeps trying that long
                Map.entry("bridge.retry.max-attempts", "40"),
                Map.entry("tikmatrix.response-timeout", "2s"),
                Map.entry("bridge.status.poll-interval", "200ms"),
                Map.entry("bridge.events.delivery-interval", "100ms"),
                Map.entry("bridge.admin.enabled", "false"),
                Map.entry("bridge.licence.check-interval", "200ms")));
        BridgeProcess bridge = new BridgeProcess(home, List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), settings);
        bridges.add(bridge);
        return bridge;
    }

    private String log(String bridge) {
        try {
            return Files.readString(root.resolve(bridge).resolve("bridge.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bridge, among the living, that spent the most CPU so far: the one doing the most work. */
    private static String busiest(Map<String, BridgeProcess> bridges) {
        return bridges.entrySet().stream().max(Comparator.comparing(bridge ->
                bridge.getValue().handle().info().totalCpuDuration().orElse(Duration.ZERO))).orElseThrow().getKey();
    }

    /** The status poll's lists, on every host: every GET /task but reconciliation's, which names a script. */
    private int pollRequests() {
        return fleet.names().stream().mapToInt(host -> (int) fleet.host(host).requests("GET", "/task").stream()
                .filter(target -> !target.contains("script_name")).count()).sum();
    }

    /** Each status poll of a host asks its queue's length once, with a one-task page: a poll of a host, counted. */
    private int polls() {
        return fleet.names().stream().mapToInt(host -> (int) fleet.host(host).requests("GET", "/task").stream()
                .filter(target -> target.contains("status=0") && target.endsWith("page_size=1")).count()).sum();
    }

    /** How often each host was polled, and what each poll of a host cost, over {@link #POLL_WINDOW}. */
    private PollLoad pollLoad() {
        int pollsBefore = polls();
        int requestsBefore = pollRequests();
        long from = System.nanoTime();
        await("poll window").pollDelay(POLL_WINDOW).atMost(POLL_WINDOW.plusSeconds(1)).until(() -> true);
        int polls = polls() - pollsBefore;
        return new PollLoad(polls / (double) fleet.names().size() / ((System.nanoTime() - from) / 1e9),
                (pollRequests() - requestsBefore) / (double) Math.max(1, polls));
    }

    private record PollLoad(double pollsPerSecond, double requestsPerPoll) {
        @Override
        public String toString() {
            return String.format("%.1f polls a second, %.1f GET /task each", pollsPerSecond, requestsPerPoll);
        }
    }

    private List<Task> posts() {
        return fleet.names().stream().flatMap(host -> posts(host).stream()).toList();
    }

    private List<Task> posts(String host) {
        return fleet.host(host).tasks().stream().filter(task -> task.scriptName().equals("post")).toList();
    }

    private int tasksOn(String host) {
        return posts(host).size();
    }

    /** Lines for the host's phones that are no task yet. */
    private int linesLeft(String host) {
        long lines = IntStream.rangeClosed(1, FILES).boxed()
                .flatMap(file -> IntStream.rangeClosed(1, LINES_PER_FILE).mapToObj(line -> "file-" + file + "-line-" + line))
                .filter(caption -> hostOf(caption).equals(host)).count();
        return (int) lines - tasksOn(host);
    }

    private List<Task> warmUps() {
        return fleet.names().stream().flatMap(host -> fleet.host(host).tasks().stream())
                .filter(task -> task.scriptName().equals("account_warmup")).toList();
    }

    /** Each line's caption, with the host of each task made for it. */
    private Map<String, List<String>> captions() {
        Map<String, List<String>> hostsByCaption = new TreeMap<>();
        fleet.names().forEach(host -> posts(host).forEach(task ->
                hostsByCaption.computeIfAbsent(task.scriptConfig().path("captions").asText(), c -> new ArrayList<>()).add(host)));
        return hostsByCaption;
    }

    /** The host of the phone a line names: {@code file-<f>-line-<l>} runs on the fleet's phone number (f·100 + l) mod 60. */
    private static String hostOf(String caption) {
        String[] parts = caption.split("-");
        int phone = (Integer.parseInt(parts[1]) * LINES_PER_FILE + Integer.parseInt(parts[3])) % PHONES;
        return "host-" + (phone / 20 + 1);
    }

    /**
     * Both endpoints, the shared event folder and the webhook, have each task's creation event and its final one
     * (completed or failed); each task that lacks one, and where. A fleet's event ids name the host.
     */
    private List<String> tasksWithoutTheirEvents(Map<String, List<Task>> tasks, Path events) {
        Set<String> accepted = webhookIds();
        List<String> missing = new ArrayList<>();
        tasks.forEach((host, made) -> {
            for (Task task : made) {
                String id = host + "-" + task.id();
                Map<String, List<String>> expected = Map.of("creation", List.of(id + "-0"), "final", List.of(id + "-2", id + "-3"));
                expected.forEach((which, ids) -> {
                    boolean inFolder = ids.stream().anyMatch(event -> Files.exists(events.resolve(event + ".json")));
                    boolean atWebhook = ids.stream().anyMatch(accepted::contains);
                    if (!inFolder || !atWebhook) {
                        missing.add("task " + id + " (" + task.scriptName() + ", now "
                                + fleet.host(host).task(task.id()).map(Task::status).orElse(null) + "): " + which + " event"
                                + (inFolder ? "" : " not in the folder") + (atWebhook ? "" : " not at the webhook"));
                    }
                });
            }
        });
        return missing;
    }

    private Set<String> webhookIds() {
        return webhook.accepted().stream().map(r -> r.event().path("id").asText()).collect(Collectors.toSet());
    }

    private static Set<String> folderIds(Path events) throws IOException {
        try (Stream<Path> files = Files.list(events)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".json".length())).collect(Collectors.toSet());
        }
    }

    /** Of these event ids, the status events of the tasks made: {@code <host>-<task id>-<status>}. */
    private static Set<String> eventIds(Set<String> ids, Map<String, List<Task>> made) {
        Set<String> tasks = made.entrySet().stream().flatMap(host -> host.getValue().stream().map(task -> host.getKey() + "-" + task.id()))
                .collect(Collectors.toSet());
        return ids.stream().filter(id -> tasks.contains(id.substring(0, id.lastIndexOf('-')))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Instant> fireTimes(String store) throws SQLException {
        return rows(store, "SELECT descriptor_key FROM bridge_submission WHERE descriptor_key LIKE 'schedule:%'").stream()
                // schedule:<name>@<fire time>@<host>: the schedule's one phone is on one host, so one key a fire time
                .map(key -> OffsetDateTime.parse(key.split("@")[1]).toInstant()).toList();
    }

    private static List<String> receipts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> rows(String store, String query) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(store); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static boolean inboxIsEmpty(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.noneMatch(Files::isRegularFile);
        }
    }

    /** One JSON Lines file, each line told apart by its caption; written beside the inbox and moved in whole. */
    private static void drop(Path inbox, int file) {
        String name = "cluster-" + file + ".jsonl";
        try {
            Path staging = Files.createDirectories(inbox.resolveSibling("staging")).resolve(name);
            try (BufferedWriter out = Files.newBufferedWriter(staging, StandardCharsets.UTF_8)) {
                for (int line : IntStream.rangeClosed(1, LINES_PER_FILE).toArray()) {
                    out.write("{\"serials\": [\"emulator-" + (5554 + (file * LINES_PER_FILE + line) % PHONES)
                            + "\"], \"script_name\": \"post\", \"script_config\": {\"content_type\": 0,"
                            + " \"captions\": \"file-" + file + "-line-" + line + "\", \"material_list\": [\"C:/Videos/v.mp4\"]}}\n");
                }
            }
            Files.move(staging, Files.createDirectories(inbox).resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
