package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.vigie.launcher.client.AdminToken;

/**
 * Keycloak's admin REST API as the benchmark's setup uses it: the stock client, the bench's
 * practitioners, activation codes. Nothing here is added to the realm file: the bench creates
 * what it needs in its own throw-away database.
 */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AdminToken adminToken;
    /** The risk policy's settings as the realm import left them, read before the bench changes them. */
    private Map<String, String> shippedRiskPolicy;

    Admin(Server server) {
        this.server = server;
        this.adminToken = new AdminToken(client, server.baseUrl(), Server.ADMIN_USER, server.adminPassword());
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    HttpResponse<String> send(String method, String path, Object body) {
        try {
            String json = body == null ? "" : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/" + Server.REALM + path))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A second relying party identical to {@code vigie-demo} (same scopes, mappers, PKCE, redirect
     * URI) but bound to Keycloak's built-in {@code browser} flow: username and password.
     */
    void createStockClient(String clientId) {
        JsonNode flows = get("/authentication/flows");
        String browserFlowId = null;
        for (JsonNode flow : flows) {
            if ("browser".equals(flow.path("alias").asText()) && flow.path("builtIn").asBoolean()) {
                browserFlowId = flow.path("id").asText();
            }
        }
        if (browserFlowId == null) {
            throw new IllegalStateException("No built-in 'browser' flow in realm " + Server.REALM);
        }
        ObjectNode demo = (ObjectNode) get("/clients?clientId=" + Login.VIGIE_CLIENT).get(0);
        demo.remove("id");
        ArrayNode mappers = (ArrayNode) demo.get("protocolMappers");
        if (mappers != null) {
            mappers.forEach(m -> ((ObjectNode) m).remove("id"));
        }
        demo.put("clientId", clientId);
        demo.put("name", demo.path("name").asText() + " (bench: stock password login)");
        demo.set("authenticationFlowBindingOverrides", JSON.valueToTree(Map.of("browser", browserFlowId)));
        HttpResponse<String> created = send("POST", "/clients", demo);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Stock client not created: " + created.statusCode() + " " + created.body());
        }
        JsonNode copy = get("/clients?clientId=" + clientId).get(0);
        if (!copy.path("defaultClientScopes").equals(demo.path("defaultClientScopes"))
                || !copy.path("optionalClientScopes").equals(demo.path("optionalClientScopes"))) {
            throw new IllegalStateException("Stock client's scopes differ from " + Login.VIGIE_CLIENT + "'s: " + copy);
        }
    }

    /** A synthetic practitioner with the demo realm's attributes and a password (for the stock login). */
    String createPractitioner(String rpps, String password) {
        Map<String, Object> user = Map.of(
                "username", "8" + rpps,
                "enabled", true,
                "firstName", "Bench",
                "lastName", "Praticien",
                "email", rpps + "@bench.vigie.invalid",
                "emailVerified", true,
                "attributes", Map.of("rpps", List.of(rpps), "codeCivilite", List.of("M"), "pscExercice", List.of(
                        "{\"codeProfession\":\"10\",\"codeCategorieProfessionnelle\":\"C\",\"codeSavoirFaire\":\"SM54\","
                                + "\"nomDexercice\":\"PRATICIEN\",\"prenomDexercice\":\"Bench\",\"activities\":[{\"codeModeExercice\":\"L\","
                                + "\"codeSecteurDactivite\":\"SA07\",\"numeroFinessSite\":\"\",\"raisonSocialeSite\":\"Cabinet de mesure\"}]}")),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = send("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("User not created: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    String activationCode(String userId) {
        HttpResponse<String> response = send("POST", "/vigie/users/" + userId + "/activation-codes", null);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Activation code not issued: " + response.statusCode() + " " + response.body());
        }
        return parse(response.body()).get("activationCode").asText();
    }

    /**
     * Opens the risk policy's time windows to every hour of every day, holidays included, so that
     * the figures do not depend on when the bench runs, and sets the push limits as high as the
     * policy allows over its shortest window (each bench practitioner logs in about twelve times a
     * minute, all from 127.0.0.1). The step still runs in full: policy read, the slot claims per push.
     */
    void openRiskPolicyForTheBench() throws IOException, InterruptedException {
        Map<String, String> values = new java.util.HashMap<>(openHours());
        // The policy's highest limits over its shortest window: about 12 pushes a minute per
        // practitioner and 1,800 from 127.0.0.1 stay under them.
        values.put("rateWindowMinutes", "1");
        values.put("maxPushesPerUser", "100");
        values.put("maxPushesPerUserAllAddresses", "1000");
        values.put("maxPushesPerIp", "10000");
        // Remembered 24 h per identifier and address: the resilience timing types each identifier a dozen times, approving none.
        values.put("maxPushesSinceSuccess", "100");
        updateRiskPolicy(values, false);
    }

    /** The push limits as the realm file (or, for those it does not set, Vigie's defaults) ships them; hours still open to every hour. */
    void shippedPushLimitsOpenHours() throws IOException, InterruptedException {
        updateRiskPolicy(openHours(), true);
    }

    private static Map<String, String> openHours() {
        Map<String, String> values = new java.util.HashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            values.put("window." + day, "00:00-24:00");
        }
        values.put("holidays", "");
        return values;
    }

    private void updateRiskPolicy(Map<String, String> changes, boolean shippedLimits) throws IOException, InterruptedException {
        for (JsonNode execution : get("/authentication/flows/vigie-browser/executions")) {
            if ("vigie-risk-policy".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                JsonNode config = get("/authentication/config/" + configId);
                @SuppressWarnings("unchecked")
                Map<String, String> values = new java.util.HashMap<>(JSON.convertValue(config.get("config"), Map.class));
                if (shippedRiskPolicy == null) {
                    shippedRiskPolicy = Map.copyOf(values);
                }
                if (shippedLimits) {
                    values.keySet().removeIf(k -> k.startsWith("maxPushes") || k.equals("rateWindowMinutes"));
                    shippedRiskPolicy.forEach((k, v) -> {
                        if (k.startsWith("maxPushes") || k.equals("rateWindowMinutes")) {
                            values.put(k, v);
                        }
                    });
                }
                values.putAll(changes);
                HttpResponse<String> updated = send("PUT", "/authentication/config/" + configId,
                        Map.of("id", configId, "alias", config.get("alias").asText(), "config", values));
                if (updated.statusCode() / 100 != 2) {
                    throw new IllegalStateException("Risk policy not updated: " + updated.statusCode() + " " + updated.body());
                }
                return;
            }
        }
        throw new IllegalStateException("No vigie-risk-policy step in vigie-browser");
    }

    /**
     * Sets the "Vigie: enrol a device" required action's settings (e.g. the anonymous enrolment
     * limits per address, which the bench's setup from 127.0.0.1 would exceed) and returns the
     * previous ones, or null when the server has no such settings (nothing changed then).
     */
    Map<String, String> enrolmentSettings(Map<String, String> values) {
        String path = "/authentication/required-actions/vigie-enrol-device/config";
        HttpResponse<String> current = send("GET", path, null);
        Map<String, String> previous = new java.util.HashMap<>();
        if (current.statusCode() == 200 && !current.body().isBlank()) {
            JsonNode config = parse(current.body()).path("config");
            config.fields().forEachRemaining(e -> previous.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, String> next = new java.util.HashMap<>(previous);
        next.putAll(values);
        HttpResponse<String> updated = send("PUT", path, Map.of("config", next));
        return updated.statusCode() / 100 == 2 ? previous : null;
    }

    /** The realm's login events of this type (newest first), filtered by the query given (e.g. "user=ID"). */
    JsonNode events(String type, String query) {
        return get("/events?type=" + type + "&max=10000" + (query == null || query.isEmpty() ? "" : "&" + query));
    }

    /**
     * The bench enrols all its practitioners' phones from 127.0.0.1 within a minute: the
     * enrolment limits per address and per minute are raised to their highest settings.
     */
    void raiseEnrolmentLimitsForTheBench() throws IOException, InterruptedException {
        String path = "/authentication/required-actions/vigie-enrol-device/config";
        Map<String, String> values = new java.util.HashMap<>();
        HttpResponse<String> current = send("GET", path, null);
        if (current.statusCode() == 200) {
            parse(current.body()).path("config").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        values.put("enrolAttemptsPerAddress", "100000");
        values.put("enrolAttemptsPerMinute", "100000");
        HttpResponse<String> updated = send("PUT", path, Map.of("config", values));
        if (updated.statusCode() / 100 != 2) {
            throw new IllegalStateException("Enrolment limits not updated: " + updated.statusCode() + " " + updated.body());
        }
    }

    /** The vigie-device-approval step's configuration, as the realm import set it. */
    Map<String, String> approvalConfig() {
        for (JsonNode execution : get("/authentication/flows/vigie-browser/executions")) {
            if ("vigie-device-approval".equals(execution.path("providerId").asText())) {
                JsonNode config = get("/authentication/config/" + execution.path("authenticationConfig").asText());
                @SuppressWarnings("unchecked")
                Map<String, String> map = JSON.convertValue(config.get("config"), Map.class);
                return map;
            }
        }
        throw new IllegalStateException("No vigie-device-approval step in vigie-browser");
    }

    private String token() throws IOException, InterruptedException {
        return adminToken.get();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
