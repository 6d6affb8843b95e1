package org.vigie.it.support;

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
import org.vigie.launcher.client.AdminToken;

/** Keycloak's admin REST API, as an operator's script would use it (bootstrap admin, admin-cli). */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AdminToken adminToken;
    private final String realm;

    public AdminApi(KeycloakServer server) {
        this(server, KeycloakServer.REALM);
    }

    /** The admin API of another realm; {@code ""} for {@code /admin/realms} itself (creating a realm). */
    public AdminApi(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
        this.adminToken = new AdminToken(client, server.baseUrl(), KeycloakServer.ADMIN_USER, server.adminPassword());
    }

    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(adminUri(path)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    public HttpResponse<String> send(String method, String path, Object body) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(adminUri(path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The realm's id of the user holding this username. */
    public String userId(String username) {
        JsonNode users = get("/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users.size() != 1) {
            throw new AssertionError("Expected one user " + username + ", got " + users);
        }
        return users.get(0).get("id").asText();
    }

    public String clientUuid(String clientId) {
        JsonNode clients = get("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
        return clients.get(0).get("id").asText();
    }

    public JsonNode events(String type) {
        return get("/events?max=200" + (type == null ? "" : "&type=" + type));
    }

    private URI adminUri(String path) {
        return URI.create(server.baseUrl() + "/admin/realms" + (realm.isEmpty() ? "" : "/" + realm) + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String token() throws IOException, InterruptedException {
        return adminToken.fetch();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
