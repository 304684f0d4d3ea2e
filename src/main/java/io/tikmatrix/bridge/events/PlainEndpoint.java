package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Message;

/** Any other Camel URI (seda:, log:, …): the event as it is; a send that throws is retried. */
final class PlainEndpoint implements EndpointKind {

    @Override
    public String deliveryUri(String uri) {
        return uri;
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        // the event document carries everything; no transport header is needed
    }
}
