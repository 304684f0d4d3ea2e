package io.tikmatrix.bridge.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tikmatrix.bridge.api.DescriptorRejectedException;
import io.tikmatrix.bridge.api.Rejection;
import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.tracking.TaskTracker;
import io.tikmatrix.bridge.validation.DescriptorValidator;
import io.tikmatrix.bridge.validation.SecretMasker;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/** The steps of the submit route that decide: already submitted? valid? what came back? */
public class SubmitSteps {

    public static final String DUPLICATE = "tikmatrixDuplicate";

    private static final Logger LOG = LoggerFactory.getLogger(SubmitSteps.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubmissionJournal journal;
    private final DescriptorValidator validator;
    private final TaskTracker tracker;

    public SubmitSteps(SubmissionJournal journal, DescriptorValidator validator, TaskTracker tracker) {
        this.journal = journal;
        this.validator = validator;
        this.tracker = tracker;
    }

    /** Takes the descriptor off the body, where the split put it, and onto the exchange for the whole trip. */
    public void begin(Exchange exchange) {
        exchange.setProperty(Submission.PROPERTY, new Submission(exchange.getMessage().getBody(Descriptor.class)));
    }

    /**
     * Claims the key in the journal; a key claimed before is a duplicate and goes no further. A replayed
     * dead letter gets back the secrets its record showed masked.
     */
    public void claim(Exchange exchange) throws JsonProcessingException {
        Submission s = Submission.of(exchange);
        Optional<SubmissionJournal.Earlier> earlier = journal.claim(s.key());
        exchange.setProperty(DUPLICATE, earlier.isPresent());
        if (earlier.isPresent()) {
            s.receiptLine(ReceiptLine.duplicate(s.source(), s.key(), earlier.get().taskIds()));
            LOG.info("duplicate {}: already {} as tasks {}", s.key(), earlier.get().state().name().toLowerCase(), earlier.get().taskIds());
        } else if (SecretMasker.showsMask(s.descriptor().body())) {
            Optional<String> original = journal.withheldDescriptor(s.key());
            if (original.isPresent()) {
                SecretMasker.restore(s.descriptor().body(), JSON.readTree(original.get()));
            }
        }
    }

    public void validate(Exchange exchange) throws DescriptorRejectedException {
        Submission s = Submission.of(exchange);
        Descriptor d = s.descriptor();
        if (d.problem() != null) {
            throw new DescriptorRejectedException(d.problem());
        }
        Optional<Rejection> rejection = validator.validate(d.body());
        if (rejection.isPresent()) {
            throw new DescriptorRejectedException(rejection.get().withReasonPrefix(where(s)));
        }
        Set<String> unknown = validator.unknownConfigFields(d.body());
        if (!unknown.isEmpty()) {
            LOG.warn("{}: script_config fields {} are not in the {} schema; passing them through",
                    where(s) + s.key(), unknown, d.body().path("script_name").asText());
        }
    }

    /** Tracks the new tasks before the key counts as submitted: a crash in between loses no task. */
    public void recordSubmitted(Exchange exchange) {
        Submission s = Submission.of(exchange);
        tracker.track(s.descriptor(), s.taskIds());
        journal.submitted(s.key(), s.taskIds());
        s.receiptLine(ReceiptLine.submitted(s.source(), s.key(), s.taskIds()));
        LOG.info("submitted {} ({}) as tasks {}", s.key(), scriptOf(s.descriptor().body()), s.taskIds());
    }

    /** "orders.csv row 4: " — so a rejection reason says where to look. */
    static String where(Submission s) {
        if (s.source() == null) {
            return "";
        }
        if (s.source().isFile()) {
            return s.source().file() + " position " + s.source().position() + ": ";
        }
        return "schedule " + s.source().schedule() + " at " + s.source().fireTime() + ": ";
    }

    private static String scriptOf(ObjectNode body) {
        return body == null ? "?" : body.path("script_name").asText("?");
    }
}
