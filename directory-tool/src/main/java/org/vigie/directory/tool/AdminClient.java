package org.vigie.directory.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The operators' directory endpoints of one realm, as the realm's admin (password grant on the
 * master realm's {@code admin-cli}, as Keycloak's own admin CLI does). The token is renewed before it
 * expires: an import of the national file takes longer than an admin token lives.
 */
final class AdminClient {

    /** An answer the importer cannot go on with: said as it is, never a stack trace. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String server;
    private final String base;
    private final String realmBase;
    private final String username;
    private final String password;
    private String token;
    private long tokenRenewAt;
    private String refreshToken;
    private long refreshUntil;

    AdminClient(String server, String realm, String username, String password) {
        this.server = server.replaceAll("/+$", "");
        this.realmBase = this.server + "/admin/realms/" + URLEncoder.encode(realm, StandardCharsets.UTF_8);
        this.base = realmBase + "/vigie-directory";
        this.username = username;
        this.password = password;
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        byte[] json = JSON.writeValueAsBytes(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    /** Renews the admin token now if it is about to expire: a measured request then never includes a token grant. */
    void renewTokenIfDue() throws IOException, InterruptedException {
        token();
    }

    /** Keycloak's own admin API of the realm (the bench: users, clients, example tokens). */
    JsonNode realmGet(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(realmBase + pathAndQuery)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "Bearer " + token()).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new Refused("cannot reach " + server + " (is Vigie running? ./vigie start)");
        }
        if (response.statusCode() == 404) {
            throw new Refused("no directory endpoint at " + base + ": unknown realm, or the server has no Vigie directory provider");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new Refused("the admin " + username + " may not manage the realm's users (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new Refused("HTTP " + response.statusCode() + " from " + base + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private synchronized String token() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        if (token != null && now < tokenRenewAt) {
            return token;
        }
        // Renewed with the refresh token while it lasts: a password grant costs the server a
        // password hash (Argon2, hundreds of milliseconds of CPU), a refresh almost nothing.
        boolean refreshing = refreshToken != null && now < refreshUntil;
        String form = refreshing
                ? "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)
                : "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(server + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new Refused("cannot reach " + server + " (is Vigie running? ./vigie start)");
        }
        if (response.statusCode() != 200 && refreshing) {
            refreshToken = null; // the session ended (idle, admin logout): log in again
            return token();
        }
        if (response.statusCode() != 200) {
            throw new Refused("the server refused the admin credentials of " + username + " (HTTP " + response.statusCode() + ")");
        }
        JsonNode answer = JSON.readTree(response.body());
        token = answer.path("access_token").asText();
        long lifetime = answer.path("expires_in").asLong(60);
        tokenRenewAt = now + Math.max(5, lifetime - 20) * 1000;
        refreshToken = answer.path("refresh_token").asText(null);
        refreshUntil = now + Math.max(0, answer.path("refresh_expires_in").asLong(0) - 20) * 1000;
        return token;
    }
}
