package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference health service (module health-service, its Quarkus fast-jar built by the reactor)
 * run as its own process against a Vigie server, as {@code ./vigie health-service} runs it, on a
 * free port; its client {@code vigie-health-service} in the realm is pointed at that port.
 */
public final class HealthService implements AutoCloseable {

    public static final String CLIENT_ID = "vigie-health-service";

    private final Process process;
    private final int port;
    private final Path log;
    private final AdminApi admin;
    private final JsonNode originalClient;

    private HealthService(Process process, int port, Path log, AdminApi admin, JsonNode originalClient) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.admin = admin;
        this.originalClient = originalClient;
    }

    public static HealthService start(KeycloakServer vigie, AdminApi admin) {
        Path jar = Path.of(System.getProperty("vigie.health-service.jar", "../health-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The health service is not built (" + jar + "): run the tests with mvn verify");
        }
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        JsonNode originalClient = admin.get("/clients/" + admin.clientUuid(CLIENT_ID));
        pointClientAt(admin, base);
        Path work = Path.of(System.getProperty("vigie.work.dir", "target/server")).resolveSibling("health-service");
        try {
            deleteTree(work);
            Files.createDirectories(work);
            Path log = work.resolve("service.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m",
                    "-Dquarkus.http.port=" + port, "-Dvigie.url=" + vigie.baseUrl(),
                    "-Dvigie.data=" + work.resolve("data").toAbsolutePath(), "-jar", jar.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HealthService service = new HealthService(process, port, log, admin, originalClient);
            service.waitUntilServing(Duration.ofSeconds(60));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact redirect URI, post-logout URI and back-channel logout URL for this run's port. */
    private static void pointClientAt(AdminApi admin, String base) {
        String uuid = admin.clientUuid(CLIENT_ID);
        ObjectNode client = (ObjectNode) admin.get("/clients/" + uuid);
        client.putArray("redirectUris").add(base + "/connexion");
        client.put("rootUrl", base);
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("post.logout.redirect.uris", base + "/");
        attributes.put("backchannel.logout.url", base + "/back-channel-logout");
        HttpResponse<String> updated = admin.send("PUT", "/clients/" + uuid, client);
        if (updated.statusCode() != 204) {
            throw new AssertionError("client " + CLIENT_ID + " not updated: " + updated.statusCode() + " " + updated.body());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private void waitUntilServing(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the health service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the health service did not serve within " + timeout + ":\n" + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the service and gives the realm's client back its imported URIs. */
    @Override
    public void close() {
        admin.send("PUT", "/clients/" + originalClient.get("id").asText(), originalClient);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
