package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.identifier.Luhn;
import org.vigie.it.support.CibaService;
import org.vigie.it.support.DeviceApiSpec;
import org.vigie.it.support.Delegating;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyType;
import org.vigie.simulator.PushClient;

/**
 * docs/device-api.openapi.yaml against the real server: every answer below must be documented for
 * its operation and status, with a body the documented schema accepts; and every documented
 * operation must have been answered with success at least once.
 */
class DeviceApiSpecIT {

    static KeycloakServer server;
    static Vigie vigie;
    static DeviceApiSpec spec;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        spec = DeviceApiSpec.load();
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    /** The checker itself can fail: a body or a status the spec does not allow is reported. */
    @Test
    void disagreementsAreCaught() {
        String enroll = "/vigie-device/enroll";
        assertThrows(AssertionError.class, () -> spec.check("POST", enroll, 201, "{\"deviceId\": 42}"));
        assertThrows(AssertionError.class, () -> spec.check("POST", enroll, 201,
                "{\"deviceId\":\"d\",\"userId\":\"u\",\"nationalId\":\"810001045367\",\"keyThumbprint\":\"t\",\"extra\":1}"));
        assertThrows(AssertionError.class, () -> spec.check("POST", enroll, 401,
                "{\"error\":\"wrong_pin\",\"error_description\":\"a code 401 never carries\"}"));
        assertThrows(AssertionError.class, () -> spec.check("POST", enroll, 418, "{}"));
        assertThrows(AssertionError.class, () -> spec.check("GET", "/vigie-device/nowhere", 200, "{}"));
        spec.check("POST", enroll, 201, "{\"deviceId\":\"d\",\"userId\":\"u\",\"nationalId\":\"810001045367\",\"keyThumbprint\":\"t\"}");
    }

    @Test
    void enrolmentAndKeyRotationAnswersAreAsDocumented() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.newDevice(KeyType.P256);
        String enroll = "/vigie-device/enroll";
        String code = vigie.activationCode(practitioner);
        spec.check("POST", enroll, device.postJson("/enroll", "{\"identifier\":\"" + practitioner.rpps() + "\"}"));
        spec.check("POST", enroll, device.send("POST", "/enroll", DeviceClient.JOSE_TYPE, "not-a-jws", null));
        spec.check("POST", enroll, device.send("POST", "/enroll", "application/x-www-form-urlencoded", "a=b", null));
        spec.check("POST", enroll, device.send("POST", "/enroll", DeviceClient.JOSE_TYPE, "x".repeat(20_000), null));
        spec.check("POST", enroll, vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), "AAAA-AAAA-AAAA", Vigie.PIN, null).http());
        HttpResult enrolled = spec.check("POST", enroll, device.enroll(practitioner.rpps(), code, Vigie.PIN, "Spec phone").http());
        assertEquals(201, enrolled.status(), enrolled.toString());
        DeviceClient second = vigie.newDevice(KeyType.ED25519);
        String clash = second.enrolmentJws(second.enrolmentClaims(practitioner.rpps(), vigie.activationCode(practitioner), Vigie.PIN, "Spec phone"));
        assertEquals(409, spec.check("POST", enroll, second.send("POST", "/enroll", DeviceClient.JOSE_TYPE, clash, null)).status(),
                "a name the practitioner's devices already use");
        assertEquals(409, spec.check("POST", enroll, second.send("POST", "/enroll", DeviceClient.JOSE_TYPE, clash, null)).status(),
                "replayed");

        String key = "/vigie-device/key";
        spec.check("POST", key, device.send("POST", "/key", DeviceClient.JOSE_TYPE, device.decisionJws(device.rotationClaims(Vigie.PIN)), null));
        spec.check("POST", key, device.send("POST", "/key", DeviceClient.JOSE_TYPE, "a.b.c", null));
        spec.check("POST", key, device.send("POST", "/key", DeviceClient.JSON_TYPE, "{}", null));
        String wrongPin = device.rotationJws(DeviceClient.generateKey(KeyType.P256), device.rotationClaims("9999"));
        assertEquals(422, spec.check("POST", key, device.send("POST", "/key", DeviceClient.JOSE_TYPE, wrongPin, null)).status());
        assertEquals(409, spec.check("POST", key, device.send("POST", "/key", DeviceClient.JOSE_TYPE, wrongPin, null)).status());
        DeviceClient oldKey = vigie.sameDevice(device);
        assertEquals(200, spec.check("POST", key, device.rotateKey(DeviceClient.generateKey(KeyType.ED25519), Vigie.PIN)).status());
        assertEquals(401, spec.check("POST", key, oldKey.rotateKey(DeviceClient.generateKey(KeyType.P256), Vigie.PIN)).status());
    }

    @Test
    void challengeAndDecisionAnswersAreAsDocumented() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String list = "/vigie-device/challenges";
        spec.check("GET", list, device.get("/challenges", null));
        spec.check("GET", list, device.pending().http());

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        HttpResult pending = spec.check("GET", list, device.pending().http());
        assertEquals(1, pending.json().path("challenges").size(), pending.toString());
        String id = Vigie.onlyPending(device).id();
        checkStatus(login.statusUrl());
        checkStatus(login.statusUrl() + "&wait=soon");
        checkStatus(server.realmUrl() + "/vigie-device/status/nope?token=x");

        String decide = "/vigie-device/challenges/{id}/decision";
        spec.check("POST", decide, device.decide("nope", "deny", null, null).http());
        spec.check("POST", decide, device.send("POST", DeviceClient.decisionPath(id), DeviceClient.JOSE_TYPE, "a.b.c", null));
        Map<String, Object> noJti = device.decisionClaims(id, "deny", null, null);
        noJti.remove("jti");
        spec.check("POST", decide, device.send("POST", DeviceClient.decisionPath(id), DeviceClient.JOSE_TYPE, device.decisionJws(noJti), null));
        HttpResult wrongPin = spec.check("POST", decide, device.decide(id, "approve", login.code(), "9513").http());
        assertEquals("wrong_pin", wrongPin.error());
        String replayed = device.decisionJws(device.decisionClaims(id, "approve", login.code(), Vigie.PIN));
        assertEquals(200, spec.check("POST", decide, device.send("POST", DeviceClient.decisionPath(id), DeviceClient.JOSE_TYPE, replayed, null)).status());
        spec.check("POST", decide, device.send("POST", DeviceClient.decisionPath(id), DeviceClient.JOSE_TYPE, replayed, null));
        spec.check("POST", decide, device.decide(id, "deny", null, null).http());
        checkStatus(login.statusUrl());

        String byCode = "/vigie-device/decision";
        spec.check("POST", byCode, device.approveByCode("0000000", Vigie.PIN).http());
        spec.check("POST", byCode, device.send("POST", "/decision", DeviceClient.JOSE_TYPE, "a.b.c", null));
        Login second = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals(200, spec.check("POST", byCode, device.approveByCode(second.code(), Vigie.PIN).http()).status());
        Login third = new Login(server).typeIdentifier(practitioner.rpps());
        String quit = third.challengeId();
        third.quit();
        spec.check("POST", decide, device.decide(quit, "deny", null, null).http());
    }

    @Test
    void pushRegistrationAnswersAreAsDocumented() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        String path = "/vigie-device/push";
        spec.check("GET", path, device.get("/push", null));
        HttpResult settings = spec.check("GET", path, push.settings());
        assertEquals(200, settings.status(), settings.toString());
        assertTrue(settings.json().path("registered").isMissingNode(), settings.toString());

        String p256dh = "BOr0sBhQ3B2T7m1oGxsDcoEBe5pQq8GdqVbMqvFNJnV9ZpL5VKcWDgWwjBB2dcWn2OLUKQ8O7rEdD4O4u5Rbnf8";
        String auth = "AAAAAAAAAAAAAAAAAAAAAA";
        assertEquals(200, spec.check("POST", path, push.registerWebPush("https://push.example.org/wpush/v2/spec", p256dh, auth)).status());
        assertEquals("webpush", spec.check("GET", path, push.settings()).json().path("registered").path("type").asText());
        // Bad bodies: an endpoint that is no https URL, a key of the wrong size, no push claim, a JSON body.
        assertEquals(400, spec.check("POST", path, push.registerWebPush("ftp://push.example.org/x", p256dh, auth)).status());
        assertEquals(400, spec.check("POST", path, push.registerWebPush("https://push.example.org/x", "AAAA", auth)).status());
        Map<String, Object> noPush = push.claims(null);
        noPush.remove("push");
        assertEquals(400, spec.check("POST", path, device.send("POST", "/push", DeviceClient.JOSE_TYPE, device.decisionJws(noPush), null)).status());
        spec.check("POST", path, device.send("POST", "/push", DeviceClient.JSON_TYPE, "{\"push\": null}", null));
        // Unsigned, or signed by another key: refused.
        assertEquals(401, spec.check("POST", path, device.send("POST", "/push", DeviceClient.JOSE_TYPE, "a.b.c", null)).status());
        DeviceClient stranger = new DeviceClient(device.baseUrl(), DeviceClient.generateKey(KeyType.P256), device.deviceId(), device.userId())
                .audience(device.audience()).clock(java.time.Clock.offset(java.time.Clock.systemUTC(),
                        java.time.Duration.ofSeconds(server.clockOffset())));
        assertEquals(401, spec.check("POST", path, new PushClient(stranger).unregister()).status());
        String once = device.decisionJws(push.claims(null));
        assertEquals(200, spec.check("POST", path, device.send("POST", "/push", DeviceClient.JOSE_TYPE, once, null)).status());
        assertEquals(409, spec.check("POST", path, device.send("POST", "/push", DeviceClient.JOSE_TYPE, once, null)).status());
        assertTrue(spec.check("GET", path, push.settings()).json().path("registered").isMissingNode(), "unregistered");
    }

    @Test
    void delegationAnswersAreAsDocumented() {
        Delegating delegating = new Delegating(vigie);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        DeviceClient app = new DeviceClient(server.realmUrl() + "/vigie-delegation", device.key(), device.deviceId(), device.userId())
                .audience(device.audience()).clock(java.time.Clock.offset(java.time.Clock.systemUTC(),
                        java.time.Duration.ofSeconds(server.clockOffset())));
        String list = "/vigie-delegation/delegations";
        spec.check("GET", list, app.get("/delegations", null));
        spec.check("GET", list, app.get("/delegations", app.deviceJwt()));

        Delegating.Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        Delegating.ask(login, practitioner.rpps(), 60);
        assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
        HttpResult open = spec.check("GET", list, app.get("/delegations", app.deviceJwt()));
        assertEquals(1, open.json().path("delegations").size(), open.toString());

        String end = "/vigie-delegation/delegations/{id}/end";
        spec.check("POST", end, app.send("POST", "/delegations/nope/end", null, null, app.deviceJwt()));
        spec.check("POST", end, app.send("POST", "/delegations/nope/end", null, null, null));
        String delegation = open.json().path("delegations").get(0).path("id").asText();
        assertEquals(200, spec.check("POST", end, app.send("POST", "/delegations/" + delegation + "/end", null, null, app.deviceJwt())).status());
    }

    /** A login a service started by CIBA, as the app lists it (purpose ciba, with its own object). */
    @Test
    void aCibaLoginIsListedAsDocumented() {
        CibaService service = CibaService.enableDemo(server, vigie.admin());
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String secret = String.format("%06d", new java.security.SecureRandom().nextInt(1_000_000));
        String code = secret + Luhn.checkDigit(secret);
        assertEquals(200, service.start(practitioner.rpps(), code).started().status());
        HttpResult listed = spec.check("GET", "/vigie-device/challenges", device.pending().http());
        assertEquals("ciba", listed.json().path("challenges").path(0).path("purpose").asText(), listed.toString());
        assertEquals(200, spec.check("POST", "/vigie-device/decision", device.approveByCode(code, Vigie.PIN).http()).status());
    }

    /** Runs last (JUnit's default method order is fixed, not this): checked only when the others ran in this JVM. */
    @AfterAll
    static void everyOperationWasAnsweredWithSuccess() {
        Set<String> missing = new TreeSet<>();
        for (String operation : spec.operations()) {
            if (spec.seen().stream().noneMatch(seen -> seen.startsWith(operation + " 2"))) {
                missing.add(operation);
            }
        }
        assertEquals(Set.of(), missing, "documented operations never answered with success here: add them to this test");
    }

    /** The waiting browser's status check, checked against the spec. */
    private static void checkStatus(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        spec.check("GET", "/vigie-device/status/{id}", response.statusCode(), response.body());
    }
}
