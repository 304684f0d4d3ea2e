package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.config.CamelUris;
import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** {@code file:}: one file {@code <event id>.json} per event, written under a temporary name and renamed. */
final class FileEndpoint implements EndpointKind {

    @Override
    public String deliveryUri(String uri) {
        return CamelUris.writtenWhole(uri);
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(Exchange.FILE_NAME, row.eventId() + ".json");
    }
}
