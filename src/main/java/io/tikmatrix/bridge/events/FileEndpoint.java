package io.tikmatrix.bridge.events;

import io.tikmatrix.bridge.store.OutboxRow;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** {@code file:}: one file {@code <event id>.json} per event, written under a temporary name and renamed. */
final class FileEndpoint implements EndpointKind {

    @Override
    public String deliveryUri(String uri) {
        // a reader of the folder never sees half an event: the file appears by rename, and .-files are hidden
        return EndpointKind.withOption(uri, "tempPrefix", ".writing-");
    }

    @Override
    public void prepare(Message message, OutboxRow row) {
        message.setHeader(Exchange.FILE_NAME, row.eventId() + ".json");
    }
}
