package io.tikmatrix.bridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a hand-written integration does: {@code POST /task} in a loop from a fixed number of threads on one
 * keep-alive HTTP/1.1 client, no store, no retry but of a connection closed under it. The ceiling a bridge is
 * compared with.
 */
final class PlainClient {

    private PlainClient() {
    }

    /** @return tasks created per second by {@code connections} threads posting {@code requests} descriptors */
    static double rate(String baseUrl, int connections, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI task = URI.create(baseUrl + "/task");
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        post(http, task, SpeedBenchmark.postBody(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return requests / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void post(HttpClient http, URI task, String body) throws InterruptedException {
        try {
            send(http, task, body);
        } catch (IOException closed) {
            // a kept-alive connection the other side closed just then ("header parser received no bytes"): once
            // more on a fresh one, as any client does; a second failure is real
            try {
                send(http, task, body);
            } catch (IOException e) {
                e.addSuppressed(closed);
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void send(HttpClient http, URI task, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(task)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"code\":0")) {
            throw new IllegalStateException("the simulator refused a plain POST: " + answer.statusCode() + " " + answer.body());
        }
    }
}
