package io.tikmatrix.bridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.store.TaskStore;
import io.tikmatrix.bridge.submit.Submission;
import io.tikmatrix.bridge.tracking.ListedTask;
import io.tikmatrix.bridge.tracking.TaskQueries;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settles a call that may have reached TikMatrix without its answer being recorded (a time-out, a reset
 * connection, an HTTP 5xx without envelope, code 50001, or a claim a stopped or dead bridge left in flight)
 * by asking TikMatrix what exists before anything is posted again:
 * <ul>
 *   <li>exactly the tasks the call was to make → they are adopted, and the descriptor counts as submitted;</li>
 *   <li>none → the call did not take effect, and the POST is made (the only path that posts again);</li>
 *   <li>anything else → the descriptor is dead-lettered as {@code ambiguous} with the candidate ids.</li>
 * </ul>
 * The search is {@code GET /task?source=api&script_name=…} per device (all pages) of the submission's host, without
 * the tasks other descriptors own and, while that host's ids increase, without those known before the call.
 */
public class Reconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final Map<String, TaskQueries> apis;
    private final TaskStore tasks;
    private final SubmissionJournal journal;
    /** Each host numbers its own tasks: whether its ids increase is learnt host by host. */
    private final Map<String, TaskIdOrder> ids = new LinkedHashMap<>();

    /** @param apis asks each host, by host name */
    public Reconciliation(Map<String, TaskQueries> apis, TaskStore tasks, SubmissionJournal journal) {
        this.apis = Map.copyOf(apis);
        this.tasks = tasks;
        this.journal = journal;
        apis.keySet().forEach(host -> ids.put(host, new TaskIdOrder(tasks.highestTaskId(host))));
    }

    /** Before an attempt: when an earlier one may have made tasks, find out which before posting. */
    public void settle(Exchange exchange) throws IOException, AmbiguousCallException {
        Submission s = Submission.of(exchange);
        if (!s.mayHaveReachedTikMatrix()) {
            return;
        }
        JsonNode body = s.descriptor().body();
        Found found = search(s.host(), s.key(), body, s.highestTaskIdBefore());
        OptionalInt expected = ExpectedTasks.of(body);
        if (found.ids.isEmpty()) {
            journal.settledAsNotCreated(s.key());
            s.answered();
            LOG.info("{}: TikMatrix holds no task of the earlier attempt; posting again", s.key());
        } else if (expected.isPresent() && found.ids.size() == expected.getAsInt() && (found.toldApart || aloneWith(s.key(), found))) {
            s.adopt(found.ids);
            LOG.info("{}: the earlier attempt made tasks {}; adopted, not posted again", s.key(), found.ids);
        } else {
            throw new AmbiguousCallException(s.where() + whyAmbiguous(found, expected, body) + "; nothing was posted again",
                    found.ids);
        }
    }

    /** Whether the POST is still to be made: not when settling adopted the tasks of an earlier attempt. */
    public boolean needsPost(Exchange exchange) {
        return Submission.of(exchange).needsPost();
    }

    /**
     * Just before the POST leaves: written down first, so a crash from here on is settled, not re-posted. The
     * claim already stands for a key's first attempt.
     */
    public void posting(Exchange exchange) {
        Submission s = Submission.of(exchange);
        long highest = ids.get(s.host()).highest();
        s.posting(highest);
        if (s.attempts() > 1) {
            journal.attempting(s.key(), s.attempts(), s.lastAttemptAt(), highest);
        }
    }

    /** The highest task id known now of a host, for a claim to write down with its first attempt. */
    public long highestTaskId(String host) {
        return ids.get(host).highest();
    }

    /** The answer was read: its ids tell whether TikMatrix's ids keep increasing. */
    public void answered(Exchange exchange) {
        Submission s = Submission.of(exchange);
        ids.get(s.host()).made(s.taskIds(), s.highestTaskIdBefore());
    }

    private record Found(List<Long> ids, boolean toldApart) {
    }

    /**
     * Tasks that show nothing to tell them apart are this key's only when no other call is unsettled and none
     * of them is among the candidates another key was dead-lettered as ambiguous over.
     */
    private boolean aloneWith(String key, Found found) {
        return journal.othersUnsettled(key) == 0 && Collections.disjoint(found.ids, journal.ambiguousCandidates(key));
    }

    private Found search(String host, String key, JsonNode body, long highestBefore) throws IOException {
        Map<Long, JsonNode> listed = new LinkedHashMap<>();
        String script = body.path("script_name").asText();
        List<String> serials = ExpectedTasks.texts(body.get("serials"));
        // the list filters by device, not by account: in username mode the account is matched on the task itself
        for (String serial : serials.isEmpty() ? List.<String>of("") : serials) {
            Map<String, String> filter = new LinkedHashMap<>(Map.of("source", "api", "script_name", script));
            if (!serial.isEmpty()) {
                filter.put("serial", serial);
            }
            apis.get(host).each(filter, task -> ListedTask.idOf(task).ifPresent(id -> listed.put(id, task)));
        }
        Map<Long, String> owners = tasks.keysOf(host, new ArrayList<>(listed.keySet()));
        List<Long> found = new ArrayList<>();
        boolean toldApart = true;
        for (Map.Entry<Long, JsonNode> task : listed.entrySet()) {
            long id = task.getKey();
            String owner = owners.get(id);
            if (owner != null) {
                // this key's own tasks were tracked before a crash kept their answer from the journal
                if (owner.equals(key)) {
                    found.add(id);
                }
                continue;
            }
            if (ids.get(host).increasing() && id <= highestBefore) {
                continue;
            }
            TaskMatch match = TaskMatch.of(task.getValue(), body);
            if (match != TaskMatch.DIFFERS) {
                found.add(id);
                toldApart &= match == TaskMatch.MATCHES;
            }
        }
        found.sort(Long::compare);
        return new Found(found, toldApart);
    }

    private String whyAmbiguous(Found found, OptionalInt expected, JsonNode body) {
        String shows = "a call whose answer was lost may have made tasks, and TikMatrix shows " + found.ids.size()
                + " candidate task(s) " + found.ids;
        if (expected.isEmpty()) {
            return shows + ", but how many tasks one call of " + body.path("script_name").asText()
                    + " makes is not known" + (body.path("enable_multi_account").asBoolean(false) ? " with enable_multi_account" : "");
        }
        if (found.ids.size() != expected.getAsInt()) {
            return shows + " where " + expected.getAsInt() + " were expected";
        }
        return shows + ", and its task objects carry no script configuration to tell them from the tasks of other calls"
                + " whose answers were lost";
    }
}
