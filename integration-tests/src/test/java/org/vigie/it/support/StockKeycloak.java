package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.vigie.launcher.client.AdminToken;
import org.vigie.launcher.Distribution;
import org.vigie.launcher.StartOptions;

/**
 * A hospital's own Keycloak: a second, stock Keycloak distribution (unpacked again by Maven, no
 * Vigie provider, no realm import) started by the tests as a separate process, and its admin REST
 * API over the whole server (any realm).
 */
public final class StockKeycloak implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AdminToken adminToken;

    private StockKeycloak(KeycloakServer server) {
        this.server = server;
        this.adminToken = new AdminToken(client, server.baseUrl(), KeycloakServer.ADMIN_USER, server.adminPassword());
    }

    /** Started on a fresh database, ports from {@code vigie.it.broker.http-port} / {@code management-port}. */
    public static StockKeycloak start() {
        Path home = Path.of(System.getProperty("vigie.stock-keycloak.home", "target/stock/keycloak"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No stock Keycloak at " + home + ": run the tests with mvn verify");
        }
        Path work = Path.of(System.getProperty("vigie.work.dir", "target/server")).resolveSibling("stock-keycloak");
        Distribution.deleteTree(work);
        KeycloakServer server = KeycloakServer.clusterNode("hospital", home, work,
                Integer.getInteger("vigie.it.broker.http-port", 8191), Integer.getInteger("vigie.it.broker.management-port", 9191),
                KeycloakServer.newAdminPassword(),
                StartOptions.of("single-node").with("data", work.toAbsolutePath().resolve("data")).toList());
        server.start();
        return new StockKeycloak(server);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public Path log() {
        return server.log();
    }

    public String tail() {
        return server.tail();
    }

    /** GET on {@code /admin/realms…}; fails unless 200. */
    public JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return AdminApi.parse(response.body());
    }

    /** A request to {@code /admin/realms…} with a JSON body; fails unless 2xx. */
    public HttpResponse<String> call(String method, String path, Object body) {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public HttpResponse<String> send(String method, String path, Object body) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms" + path))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token() throws IOException, InterruptedException {
        return adminToken.fetch();
    }

    @Override
    public void close() {
        server.stop();
    }
}
