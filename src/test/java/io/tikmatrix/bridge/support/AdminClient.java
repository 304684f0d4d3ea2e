package io.tikmatrix.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Requests to a bridge's admin port, as curl would send them, over HTTP/1.1 on loopback. */
public final class AdminClient {

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param base the admin port's URL, {@code http://127.0.0.1:<port>} */
    public AdminClient(String base) {
        this.base = base;
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return BridgeHarness.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Answer post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer delete(String path, String... headers) {
        return send(request(path, headers).DELETE().build());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    public Answer send(HttpRequest request) {
        HttpResponse<String> answer = response(request);
        return new Answer(answer.statusCode(), answer.body());
    }

    /** The whole response, headers too. */
    public HttpResponse<String> response(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request written by hand, for what Java's client will not send (a Host header of its own); it is sent with
     * {@code Connection: close} and read to the end.
     */
    public Answer raw(String requestHead) {
        int port = URI.create(base).getPort();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
            return new Answer(status, text.substring(text.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
