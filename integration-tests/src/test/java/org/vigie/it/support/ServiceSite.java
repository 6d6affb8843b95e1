package org.vigie.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The web servers of the test health services, on loopback: each {@link ServiceClient} lives under
 * {@code <base>/<clientId>/}. Its callback and post-logout pages answer a small HTML page (so a real
 * browser lands somewhere); its back-channel logout endpoint (OpenID Connect Back-Channel
 * Logout 1.0) records the {@code logout_token} Keycloak POSTs, per service.
 */
public final class ServiceSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, BlockingQueue<String>> logoutTokens = new ConcurrentHashMap<>();

    private ServiceSite(HttpServer server) {
        this.server = server;
    }

    public static ServiceSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ServiceSite site = new ServiceSite(server);
            server.createContext("/", site::handle);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every URL of every test service starts with this: a test browser stops there. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The next logout token sent to this service, or an AssertionError after {@code timeout}. */
    public String awaitLogoutToken(String clientId, Duration timeout) {
        try {
            String token = queue(clientId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (token == null) {
                throw new AssertionError("no back-channel logout received by " + clientId + " within " + timeout);
            }
            return token;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The logout tokens this service received and the test did not read yet. */
    public List<String> logoutTokens(String clientId) {
        List<String> all = new ArrayList<>();
        queue(clientId).drainTo(all);
        return all;
    }

    private BlockingQueue<String> queue(String clientId) {
        return logoutTokens.computeIfAbsent(clientId, id -> new LinkedBlockingQueue<>());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String clientId = path.length > 1 ? path[1] : "";
        String what = path.length > 2 ? path[2] : "";
        if ("backchannel-logout".equals(what) && "POST".equals(exchange.getRequestMethod())) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 400;
            for (String part : body.split("&")) {
                if (part.startsWith("logout_token=")) {
                    queue(clientId).add(URLDecoder.decode(part.substring("logout_token=".length()), StandardCharsets.UTF_8));
                    status = 200;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        String text = "logged-out".equals(what) ? "Vous êtes déconnecté du service." : "Le service a reçu la réponse de Vigie.";
        byte[] page = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Service de test</title></head><body>"
                + "<h1>Service de test " + clientId.replaceAll("[^a-z0-9-]", "") + "</h1><p id=\"service-page\" data-page=\""
                + what.replaceAll("[^a-z-]", "") + "\">" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
        exchange.close();
    }

    /** Waits at most {@code timeout} for nothing to arrive: used only to show that a service got no logout. */
    public boolean receivedWithin(String clientId, Duration timeout) {
        try {
            String token = queue(clientId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return token != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
