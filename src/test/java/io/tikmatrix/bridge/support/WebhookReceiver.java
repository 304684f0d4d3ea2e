package io.tikmatrix.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/** A webhook on 127.0.0.1 that answers whatever status the test says and remembers what it was sent. */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST: its body bytes, its headers (names case-insensitive, as in HTTP), and what it was answered. */
    public record Received(byte[] body, HttpHeaders headers, int answered) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The body as a structured CloudEvent. */
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
        this(body -> answer.getAsInt());
    }

    /** @param answer the status to answer, given the request's body */
    public WebhookReceiver(ToIntFunction<byte[]> answer) {
        this(answer, null);
    }

    /**
     * @param answer the status to answer, given the request's body
     * @param tls    answers over https with this context's key, or over http when null
     */
    public WebhookReceiver(ToIntFunction<byte[]> answer, SSLContext tls) {
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
            if (tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.applyAsInt(body);
            synchronized (received) {
                received.add(new Received(body, HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true), status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/hook";
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
