package io.tikmatrix.bridge.submit;

import io.tikmatrix.bridge.descriptor.Descriptor;
import io.tikmatrix.bridge.descriptor.DescriptorReader;
import io.tikmatrix.bridge.json.Json;
import io.tikmatrix.bridge.store.SubmissionJournal;
import io.tikmatrix.bridge.support.StoreDatabase;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox claims descriptors as it reads them, a batch at a time, in one commit; a claim that no descriptor took
 * by the time its file's exchange is done is withdrawn.
 */
class ClaimsAheadTest {

    private static final SubmissionJournal.Earlier IN_FLIGHT = new SubmissionJournal.Earlier(SubmissionJournal.State.IN_FLIGHT, List.of(), null);

    @RegisterExtension
    final StoreDatabase store = new StoreDatabase();

    @Test
    void aBatchIsClaimedInOneCommitAndWhatNoDescriptorTookIsWithdrawnWhenTheFileIsDone() throws Exception {
        SubmissionJournal journal = new SubmissionJournal(store.open("h2"), Duration.ofMinutes(10), Clock.systemUTC());
        ClaimsAhead ahead = new ClaimsAhead(journal, host -> 0, true, 2);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange file = new DefaultExchange(camel);
            Iterator<?> read = ahead.claiming(reader("line-1", "line-2", "line-3"), file);

            ClaimsAhead.Claimed first = (ClaimsAhead.Claimed) read.next();
            assertThat(journal.find("line-2")).as("read with line 1, not committed before a claim is needed").isEmpty();
            assertThat(first.take()).isInstanceOf(SubmissionJournal.Owned.class);
            assertThat(journal.find("line-2")).as("committed with line 1's claim").contains(IN_FLIGHT);
            assertThat(journal.find("line-3")).as("the next batch, not read yet").isEmpty();
            // line 2's descriptor goes no further (the bridge stops before its call)
            read.next();
            UnitOfWorkHelper.doneSynchronizations(file, file.getExchangeExtension().handoverCompletions());

            assertThat(journal.find("line-1")).as("taken: its descriptor's to settle").contains(IN_FLIGHT);
            assertThat(journal.find("line-2")).as("withdrawn: the file's next reading claims it afresh").isEmpty();
        }
    }

    private static DescriptorReader reader(String... keys) {
        Iterator<Descriptor> descriptors = List.of(keys).stream()
                .map(key -> Descriptor.of(Json.MAPPER.createObjectNode().put("script_name", "post"), null, key)).iterator();
        return new DescriptorReader() {
            @Override
            public boolean hasNext() {
                return descriptors.hasNext();
            }

            @Override
            public Descriptor next() {
                return descriptors.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
