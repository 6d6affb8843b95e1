package org.vigie.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The bootstrap admin's access token for Keycloak's admin REST API, as an operator's script gets
 * it (password grant of {@code admin-cli} in realm master), fetched again shortly before it expires.
 */
public final class AdminToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String baseUrl;
    private final String username;
    private final String password;
    private String token;
    private long expiresAt;

    public AdminToken(HttpClient client, String baseUrl, String username, String password) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    /** A token valid for at least a few more seconds (the last one while it is); fails with Keycloak's answer when refused. */
    public synchronized String get() throws IOException, InterruptedException {
        if (token != null && System.nanoTime() < expiresAt) {
            return token;
        }
        return fetch();
    }

    /** A new token, whatever the last one (a test that restarts the server or ends sessions wants one per call). */
    public synchronized String fetch() throws IOException, InterruptedException {
        String form = Forms.encode(Map.of("grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin login failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        token = body.get("access_token").asText();
        expiresAt = System.nanoTime() + Duration.ofSeconds(Math.max(5, body.path("expires_in").asLong(60) - 15)).toNanos();
        return token;
    }
}
