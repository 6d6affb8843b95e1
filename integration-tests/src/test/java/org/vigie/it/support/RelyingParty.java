package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The demo relying party {@code vigie-demo} for real-browser tests: a small HTTP server on
 * loopback whose callback receives the authorization code (or the error) from the browser, and
 * which exchanges the code with the PKCE verifier as a real service does.
 *
 * <p>It listens on a free port and adds its callback to the client's redirect URIs for the time
 * of the tests ({@link #close()} removes it). It also serves a page that tries to frame a URL,
 * to check that Vigie's pages cannot be framed by another site (clickjacking).
 */
public final class RelyingParty implements AutoCloseable {

    private final HttpServer server;
    private final AdminApi admin;
    private final String clientUuid;
    private final BlockingQueue<Map<String, String>> callbacks = new LinkedBlockingQueue<>();

    private RelyingParty(HttpServer server, AdminApi admin, String clientUuid) {
        this.server = server;
        this.admin = admin;
        this.clientUuid = clientUuid;
    }

    public static RelyingParty start(AdminApi admin) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelyingParty rp = new RelyingParty(server, admin, admin.clientUuid(OidcClient.CLIENT_ID));
        server.createContext("/callback", rp::callback);
        server.createContext("/framer", rp::framer);
        server.createContext("/favicon.ico", exchange -> respond(exchange, 204, "", "text/plain"));
        server.start();
        rp.redirectUris(true);
        return rp;
    }

    public String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** A page of this other site that puts {@code url} in an iframe #framed. */
    public String framerUrl(String url) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/framer?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    /** Forgets what earlier tests' browsers sent. */
    public void forget() {
        callbacks.clear();
    }

    /** The query of the next request the browser made to the callback. */
    public Map<String, String> awaitCallback(Duration timeout) {
        try {
            Map<String, String> query = callbacks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (query == null) {
                throw new AssertionError("the relying party received nothing within " + timeout);
            }
            return query;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Exchanges the code with the PKCE verifier at the token endpoint, as the service's back end does. */
    public JsonNode exchange(KeycloakServer keycloak, OidcClient client, String code) {
        String form = "grant_type=authorization_code&client_id=" + OidcClient.CLIENT_ID
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirectUri(), StandardCharsets.UTF_8)
                + "&code_verifier=" + client.codeVerifier();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("token exchange failed: " + response.statusCode() + " " + response.body());
            }
            return AdminApi.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        callbacks.add(query);
        String what = query.containsKey("code") ? "Connexion réussie : le service a reçu un code d'autorisation."
                : "Connexion abandonnée : le service a reçu « " + escape(query.getOrDefault("error", "?")) + " ».";
        respond(exchange, 200, "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Service de démonstration</title>"
                + "<style>body{font-family:sans-serif;margin:3rem;color:#1b1d21}</style></head><body>"
                + "<h1>Service de démonstration Vigie</h1><p id=\"rp-result\">" + what + "</p></body></html>", "text/html; charset=utf-8");
    }

    private void framer(HttpExchange exchange) throws IOException {
        String url = parse(exchange.getRequestURI().getRawQuery()).getOrDefault("url", "about:blank");
        respond(exchange, 200, "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Autre site</title></head><body>"
                + "<h1>Un autre site</h1><iframe id=\"framed\" title=\"framed\" width=\"900\" height=\"600\" src=\"" + escape(url)
                + "\"></iframe></body></html>", "text/html; charset=utf-8");
    }

    private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Adds (or removes) this callback to vigie-demo's redirect URIs. */
    private void redirectUris(boolean add) {
        ObjectNode client = (ObjectNode) admin.get("/clients/" + clientUuid);
        ArrayNode uris = client.withArray("redirectUris");
        for (int i = uris.size() - 1; i >= 0; i--) {
            if (uris.get(i).asText().equals(redirectUri())) {
                uris.remove(i);
            }
        }
        if (add) {
            uris.add(redirectUri());
        }
        var updated = admin.send("PUT", "/clients/" + clientUuid, client);
        if (updated.statusCode() / 100 != 2) {
            throw new AssertionError("redirect URI not updated: " + updated.statusCode() + " " + updated.body());
        }
    }

    @Override
    public void close() {
        try {
            redirectUris(false);
        } finally {
            server.stop(0);
        }
    }
}
