package org.vigie.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An operator's command: issue a device activation code for a practitioner, through Keycloak's
 * admin API with the bootstrap admin's credentials ({@code KC_BOOTSTRAP_ADMIN_USERNAME} /
 * {@code KC_BOOTSTRAP_ADMIN_PASSWORD}). Prints the code alone on the last line.
 */
public final class ActivationCodeCli {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            Usage: activation-code (--rpps N | --adeli N) [--server URL] [--realm NAME] [--ttl SECONDS]
              Admin credentials: KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin of the master realm).
            """;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;
    private final PrintStream err;

    public ActivationCodeCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ActivationCodeCli(System.out, System.err).run(args, System.getenv()));
    }

    public int run(String[] args, Map<String, String> env) {
        String server = "http://localhost:8080";
        String realm = "esante-wallet";
        String attribute = null;
        String number = null;
        String ttl = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--rpps", "--adeli" -> {
                    attribute = arg.substring(2);
                    number = value;
                    i++;
                }
                case "--server" -> {
                    server = value;
                    i++;
                }
                case "--realm" -> {
                    realm = value;
                    i++;
                }
                case "--ttl" -> {
                    ttl = value;
                    i++;
                }
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("unknown option " + arg);
                    err.print(USAGE);
                    return 1;
                }
            }
        }
        String username = env.get("KC_BOOTSTRAP_ADMIN_USERNAME");
        String password = env.get("KC_BOOTSTRAP_ADMIN_PASSWORD");
        if (attribute == null || number == null || server == null || realm == null) {
            err.print(USAGE);
            return 1;
        }
        if (username == null || password == null) {
            err.println("Set KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD (an admin of the master realm).");
            return 1;
        }
        number = number.replaceAll("[\\s.-]", "");
        try {
            String token = adminToken(server, username, password);
            String admin = server + "/admin/realms/" + enc(realm);
            JsonNode users = get(admin + "/users?exact=true&q=" + enc(attribute + ":" + number), token);
            if (users.size() != 1) {
                err.println(users.isEmpty() ? "No practitioner with " + attribute + " " + number + " in realm " + realm
                        : "Several users hold " + attribute + " " + number + ": fix the directory first");
                return 1;
            }
            JsonNode user = users.get(0);
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(admin + "/vigie/users/"
                            + enc(user.get("id").asText()) + "/activation-codes" + (ttl == null ? "" : "?ttl=" + enc(ttl))))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (issued.statusCode() != 201) {
                err.println("Refused (HTTP " + issued.statusCode() + "): " + issued.body());
                return 1;
            }
            JsonNode body = JSON.readTree(issued.body());
            out.println("Activation code for " + user.path("firstName").asText() + " " + user.path("lastName").asText()
                    + " (" + attribute.toUpperCase() + " " + number + "), single use, valid until "
                    + Instant.ofEpochSecond(body.get("expiresAt").asLong()) + ":");
            out.println(body.get("activationCode").asText());
            return 0;
        } catch (IOException e) {
            err.println("Cannot reach " + server + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private String adminToken(String server, String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin login refused (HTTP " + response.statusCode() + "): check the admin credentials");
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin API refused (HTTP " + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
