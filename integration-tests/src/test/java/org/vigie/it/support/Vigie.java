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

    /** A well-formed PIN verifier (a proof of {@link #PIN} under a fresh device key), for hand-made enrolment bodies. */
    public static String pinVerifier() {
        return org.vigie.simulator.PinProof.of(org.vigie.simulator.PinProof.newKey(), PIN);
    }
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
            return java.time.Instant.now().plusSeconds(server.clockOffset());
        }
    };

    /** An on-call exception covering every hour, like the demo practitioner's. */
    public static final String ALWAYS_ON_CALL = "2000-01-01T00:00/2100-01-01T00:00";
    public static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");

    /**
     * Keycloak's clock in these tests stands at a Tuesday 10:00 in Paris (not a holiday), plus
     * whatever a test adds: results do not depend on when CI runs.
     */
    private static final long DAYTIME_OFFSET = secondsUntil(nextTuesdayTenInParis());

    public Vigie(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
        prepareRealm();
    }

    /** All tests come from 127.0.0.1: the per-IP push limit is raised, except where a test lowers it. */
    private synchronized void prepareRealm() {
        if (server.firstPreparation()) {
            riskConfig(Map.of("maxPushesPerIp", "10000"));
            // Every test enrols from 127.0.0.1: the enrolment limits are raised, except where a test lowers them.
            enrolmentConfig(Map.of("enrolAttemptsPerAddress", "100000", "enrolAttemptsPerMinute", "100000"));
            // Tests send wrong PINs faster than a person types: Keycloak's quick-login check (two failures
            // within a second lock the practitioner for a minute) would stop them before the device's own limit.
            HttpResponse<String> realm = admin.send("PUT", "", Map.of("quickLoginCheckMilliSeconds", 0));
            if (realm.statusCode() != 204) {
                throw new AssertionError("realm not updated: " + realm.statusCode() + " " + realm.body());
            }
        }
    }

    /**
     * Sets options of the "Vigie: enrol a device" required action (merged into its config) and
     * returns the previous config, to pass back here to restore it.
     */
    public Map<String, String> enrolmentConfig(Map<String, String> changes) {
        Map<String, String> previous = new java.util.HashMap<>();
        HttpResponse<String> current = admin.send("GET", "/authentication/required-actions/vigie-enrol-device/config", null);
        if (current.statusCode() == 200) {
            AdminApi.parse(current.body()).path("config").fields().forEachRemaining(e -> previous.put(e.getKey(), e.getValue().asText()));
        }
        Map<String, String> next = new java.util.HashMap<>(previous);
        next.putAll(changes);
        HttpResponse<String> updated = admin.send("PUT", "/authentication/required-actions/vigie-enrol-device/config",
                Map.of("config", next));
        if (updated.statusCode() / 100 != 2) {
            throw new AssertionError("enrolment config not updated: " + updated.statusCode() + " " + updated.body());
        }
        return previous;
    }

    private static java.time.ZonedDateTime nextTuesdayTenInParis() {
        java.time.ZonedDateTime candidate = java.time.ZonedDateTime.now(PARIS).plusDays(1)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY))
                .withHour(10).withMinute(0).withSecond(0).withNano(0);
        while (org.vigie.risk.RiskPolicy.DEFAULT_HOLIDAYS.contains(candidate.toLocalDate().toString())) {
            candidate = candidate.plusWeeks(1);
        }
        return candidate;
    }

    private static long secondsUntil(java.time.ZonedDateTime at) {
        return at.toEpochSecond() - System.currentTimeMillis() / 1000;
    }

    /** The server's "now" as the tests set it. */
    public long serverNow() {
        return System.currentTimeMillis() / 1000 + server.clockOffset();
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

    /** A practitioner holding an always-on exception: the time of day never gets in the way. */
    public Practitioner newPractitioner() {
        return newPractitioner(List.of(ALWAYS_ON_CALL));
    }

    public Practitioner newPractitioner(List<String> onCall) {
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
                "attributes", Map.of("rpps", List.of(rpps), "codeCivilite", List.of("M"), "vigieOnCall", onCall, "pscExercice", List.of(
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

    /**
     * The same enrolled device (same key, same device id) sending to this server, another node of
     * its cluster, still signing for the cluster's public URL (the first device's).
     */
    public DeviceClient sameDevice(DeviceClient device) {
        DeviceClient same = new DeviceClient(DeviceClient.deviceApiUrl(server.baseUrl(), KeycloakServer.REALM), device.key(),
                device.deviceId(), device.userId()).clock(deviceClock).audience(device.audience());
        return device.sendsPinInClear() ? same.legacyPin() : same.pinKey(device.pinKey());
    }

    /** The device's one pending challenge (fails the test when there is not exactly one). */
    public static org.vigie.simulator.PendingChallenge onlyPending(DeviceClient device) {
        var pending = device.pending();
        if (!pending.ok() || pending.challenges().size() != 1) {
            throw new AssertionError("expected exactly one pending challenge: " + pending.http());
        }
        return pending.challenges().get(0);
    }

    /**
     * A device enrolled as Vigie did before PIN proofs (PIN hashed by the server), through the
     * test server's test-only provider: it sends its PIN in clear until it migrates.
     */
    public DeviceClient legacyDevice(Practitioner practitioner) {
        DeviceClient fresh = newDevice(KeyType.P256);
        try {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            server.realmUrl() + "/vigie-test-legacy-device/users/" + practitioner.userId() + "?pin=" + PIN))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(fresh.key().toPublicJWK().toJSONObject()))).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new AssertionError("legacy device not created: " + created.statusCode() + " " + created.body());
            }
            String deviceId = AdminApi.parse(created.body()).get("deviceId").asText();
            return new DeviceClient(fresh.baseUrl(), fresh.key(), deviceId, practitioner.userId()).clock(deviceClock).legacyPin();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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

    /** Sets Keycloak's clock to the tests' Tuesday 10:00 plus {@code seconds} (test-only provider). */
    public void clock(int seconds) {
        setOffset((int) (DAYTIME_OFFSET + seconds));
    }

    /** Sets Keycloak's clock to a moment in Paris. */
    public void clockAt(java.time.ZonedDateTime at) {
        setOffset((int) secondsUntil(at));
    }

    /** The tests' Tuesday, at a given local time in Paris. */
    public java.time.ZonedDateTime tuesdayAt(int hour, int minute) {
        return nextTuesdayTenInParis().withHour(hour).withMinute(minute);
    }

    private void setOffset(int offsetSeconds) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/realms/master/vigie-test-clock/offset?seconds=" + offsetSeconds))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("clock not set: " + response.statusCode() + " " + response.body());
            }
            server.clockOffset(offsetSeconds);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Events of the realm for one user, newest first. */
    public JsonNode userEvents(Practitioner practitioner) {
        return admin.get("/events?max=200&user=" + practitioner.userId());
    }

    /**
     * Events recorded for a login typed with this identifier, newest first: the login page looks
     * nobody up, so they name the identifier typed ({@code username}), not a user.
     */
    public java.util.List<JsonNode> identifierEvents(Practitioner practitioner, String reason) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode event : admin.get("/events?max=500&type=LOGIN_ERROR")) {
            JsonNode details = event.path("details");
            if (practitioner.nationalId().equals(details.path("username").asText()) && reason.equals(details.path("vigie_reason").asText())) {
                found.add(event);
            }
        }
        return found;
    }

    /** The practitioner's listed challenge with this id (fails the test when it is not listed). */
    public static org.vigie.simulator.PendingChallenge listed(DeviceClient device, String challengeId) {
        var pending = device.pending();
        if (!pending.ok()) {
            throw new AssertionError("listing refused: " + pending.http());
        }
        return pending.challenges().stream().filter(c -> c.id().equals(challengeId)).findFirst()
                .orElseThrow(() -> new AssertionError("challenge " + challengeId + " not listed: " + pending.http()));
    }

    /** Sets options of the vigie-device-approval step and returns the previous config. */
    public Map<String, String> approvalConfig(Map<String, String> changes) {
        return stepConfig("vigie-device-approval", changes);
    }

    /** Replaces the approval step's whole config (e.g. to restore what {@link #approvalConfig} returned). */
    public void restoreApprovalConfig(Map<String, String> previous) {
        stepConfig("vigie-device-approval", previous, true);
    }

    /** Sets options of the vigie-risk-policy step and returns the previous config. */
    public Map<String, String> riskConfig(Map<String, String> changes) {
        return stepConfig("vigie-risk-policy", changes);
    }

    /** Replaces a step's whole config (e.g. to restore what {@link #riskConfig} returned). */
    public void restoreRiskConfig(Map<String, String> previous) {
        stepConfig("vigie-risk-policy", previous, true);
    }

    /** Sets options of the vigie-identifier step and returns the previous config. */
    public Map<String, String> identifierConfig(Map<String, String> changes) {
        return stepConfig("vigie-identifier", changes);
    }

    public void restoreIdentifierConfig(Map<String, String> previous) {
        stepConfig("vigie-identifier", previous, true);
    }

    /** Sets options of the level-of-authentication condition guarding eidas1 and returns the previous config. */
    public Map<String, String> eidas1Config(Map<String, String> changes) {
        return stepConfig("conditional-level-of-authentication", changes);
    }

    public void restoreEidas1Config(Map<String, String> previous) {
        stepConfig("conditional-level-of-authentication", previous, true);
    }

    /** The user's active SSO sessions (admin API). */
    public JsonNode sessions(Practitioner practitioner) {
        return admin.get("/users/" + practitioner.userId() + "/sessions");
    }

    private Map<String, String> stepConfig(String providerId, Map<String, String> changes) {
        return stepConfig(providerId, changes, false);
    }

    private Map<String, String> stepConfig(String providerId, Map<String, String> changes, boolean replace) {
        JsonNode executions = admin.get("/authentication/flows/vigie-browser/executions");
        for (JsonNode execution : executions) {
            if (providerId.equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                JsonNode config = admin.get("/authentication/config/" + configId);
                @SuppressWarnings("unchecked")
                Map<String, String> previous = new java.util.HashMap<>(
                        new com.fasterxml.jackson.databind.ObjectMapper().convertValue(config.get("config"), Map.class));
                Map<String, String> next = new java.util.HashMap<>(replace ? Map.of() : previous);
                next.putAll(changes);
                HttpResponse<String> updated = admin.send("PUT", "/authentication/config/" + configId,
                        Map.of("id", configId, "alias", config.get("alias").asText(), "config", next));
                if (updated.statusCode() / 100 != 2) {
                    throw new AssertionError("config not updated: " + updated.statusCode() + " " + updated.body());
                }
                return previous;
            }
        }
        throw new AssertionError("no " + providerId + " step in vigie-browser");
    }
}
