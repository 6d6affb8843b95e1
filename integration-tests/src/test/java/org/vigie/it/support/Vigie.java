package org.vigie.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.vigie.identifier.Luhn;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.EnrolmentResult;
import org.vigie.simulator.KeyType;

/** What the device-approval tests need around the server: practitioners, devices, the clock. */
public final class Vigie {

    public static final String PIN = "4827";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakServer server;
    private final AdminApi admin;
    /** Devices made here follow the server's moved clock, as a phone set by the network would. */
    private final java.time.Clock deviceClock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plusSeconds(clockOffset);
        }
    };
    private volatile int clockOffset;

    public Vigie(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    public AdminApi admin() {
        return admin;
    }

    public KeycloakServer server() {
        return server;
    }

    /** A synthetic practitioner created for one test, with a fresh Luhn-valid RPPS. */
    public record Practitioner(String userId, String rpps, String email) {
        public String nationalId() {
            return "8" + rpps;
        }
    }

    public Practitioner newPractitioner() {
        String base = "19" + String.format("%08d", RANDOM.nextInt(100_000_000));
        String rpps = base + Luhn.checkDigit(base);
        String email = rpps + "@it.vigie.invalid";
        Map<String, Object> user = Map.of(
                "username", "8" + rpps,
                "enabled", true,
                "firstName", "Test",
                "lastName", "Praticien",
                "email", email,
                "emailVerified", true,
                "attributes", Map.of("rpps", List.of(rpps), "codeCivilite", List.of("M"), "pscExercice", List.of(
                        "{\"codeProfession\":\"10\",\"codeCategorieProfessionnelle\":\"C\",\"codeSavoirFaire\":\"SM54\","
                                + "\"nomDexercice\":\"PRATICIEN\",\"prenomDexercice\":\"Test\",\"activities\":[{\"codeModeExercice\":\"L\","
                                + "\"codeSecteurDactivite\":\"SA07\",\"numeroFinessSite\":\"\",\"raisonSocialeSite\":\"Cabinet de test\"}]}")));
        HttpResponse<String> created = admin.send("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new AssertionError("user not created: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return new Practitioner(location.substring(location.lastIndexOf('/') + 1), rpps, email);
    }

    public String activationCode(Practitioner practitioner) {
        HttpResponse<String> response = admin.send("POST", "/vigie/users/" + practitioner.userId() + "/activation-codes", null);
        if (response.statusCode() != 201) {
            throw new AssertionError("activation code not issued: " + response.statusCode() + " " + response.body());
        }
        return AdminApi.parse(response.body()).get("activationCode").asText();
    }

    public DeviceClient newDevice(KeyType type) {
        return new DeviceClient(DeviceClient.deviceApiUrl(server.baseUrl(), KeycloakServer.REALM), DeviceClient.generateKey(type))
                .clock(deviceClock);
    }

    /** A practitioner with an enrolled P-256 device and PIN {@link #PIN}. */
    public DeviceClient enrolledDevice(Practitioner practitioner) {
        return enrolledDevice(practitioner, KeyType.P256);
    }

    public DeviceClient enrolledDevice(Practitioner practitioner, KeyType type) {
        DeviceClient device = newDevice(type);
        EnrolmentResult enrolled = device.enroll(practitioner.rpps(), activationCode(practitioner), PIN, "IT phone");
        if (!enrolled.ok()) {
            throw new AssertionError("enrolment failed: " + enrolled.http());
        }
        return device;
    }

    /** Moves Keycloak's clock (test-only provider); always reset with {@code clock(0)}. */
    public void clock(int offsetSeconds) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/realms/master/vigie-test-clock/offset?seconds=" + offsetSeconds))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("clock not set: " + response.statusCode() + " " + response.body());
            }
            clockOffset = offsetSeconds;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Events of the realm for one user, newest first. */
    public JsonNode userEvents(Practitioner practitioner) {
        return admin.get("/events?max=200&user=" + practitioner.userId());
    }

    /** Sets one option of the vigie-device-approval step and returns the previous config. */
    public Map<String, String> approvalConfig(Map<String, String> changes) {
        JsonNode executions = admin.get("/authentication/flows/vigie-browser/executions");
        for (JsonNode execution : executions) {
            if ("vigie-device-approval".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                JsonNode config = admin.get("/authentication/config/" + configId);
                @SuppressWarnings("unchecked")
                Map<String, String> previous = new java.util.HashMap<>(
                        new com.fasterxml.jackson.databind.ObjectMapper().convertValue(config.get("config"), Map.class));
                Map<String, String> next = new java.util.HashMap<>(previous);
                next.putAll(changes);
                HttpResponse<String> updated = admin.send("PUT", "/authentication/config/" + configId,
                        Map.of("id", configId, "alias", config.get("alias").asText(), "config", next));
                if (updated.statusCode() / 100 != 2) {
                    throw new AssertionError("config not updated: " + updated.statusCode() + " " + updated.body());
                }
                return previous;
            }
        }
        throw new AssertionError("no vigie-device-approval step in vigie-browser");
    }
}
