package io.tikmatrix.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** A webhook on 127.0.0.1 that answers whatever status the test says and remembers what it was sent. */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST: its body bytes, the headers that matter, and what it was answered. */
    public record Received(byte[] body, String contentType, String signature, int answered) {
        public JsonNode event() {
            try {
                return BridgeHarness.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    public WebhookReceiver(IntSupplier answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.getAsInt();
            synchronized (received) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("X-TikMatrix-Signature"), status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The events it answered 2xx, in arrival order. */
    public List<Received> accepted() {
        return received().stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
