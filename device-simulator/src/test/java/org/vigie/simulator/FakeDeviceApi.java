package org.vigie.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scripted stand-in for the server's device API on 127.0.0.1, recording what the device sends. */
final class FakeDeviceApi implements AutoCloseable {

    static final String REALM = "test";

    record Request(String method, String path, Headers headers, String body) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String bearer() {
            String authorization = header("Authorization");
            return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        }
    }

    private record Response(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Response>> responses = new ConcurrentHashMap<>();

    FakeDeviceApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String server() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String baseUrl() {
        return DeviceClient.deviceApiUrl(server(), REALM);
    }

    /** Queues an answer to {@code method path} (relative to the base URL); the last one queued keeps answering. */
    FakeDeviceApi answer(String method, String path, int status, String json) {
        return answer(method, path, status, "application/json", json);
    }

    FakeDeviceApi answer(String method, String path, int status, String contentType, String body) {
        responses.computeIfAbsent(method + " /realms/" + REALM + "/vigie-device" + path, k -> new ArrayDeque<>())
                .add(new Response(status, contentType, body));
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        requests.add(new Request(exchange.getRequestMethod(), path, headers, body));

        Deque<Response> queue = responses.get(exchange.getRequestMethod() + " " + path);
        Response response;
        if (queue == null || queue.isEmpty()) {
            response = new Response(404, "application/json", "{\"error\":\"not_scripted\"}");
        } else {
            response = queue.size() > 1 ? queue.poll() : queue.peek();
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
