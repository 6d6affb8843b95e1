package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.identifier.Luhn;
import org.vigie.it.support.CibaService;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;
import org.vigie.simulator.PushClient;
import org.vigie.simulator.WebPushReceiver;

/**
 * OpenID Connect CIBA (poll mode) on the real server: a service starts a login by national
 * identifier, the practitioner decides it on the device (simulator), Keycloak's CIBA grant answers
 * the service's polls.
 */
class CibaIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    static KeycloakServer server;
    static Vigie vigie;
    static CibaService service;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        service = CibaService.enableDemo(server, vigie.admin());
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    void anApprovalWithThePinGivesTokensWithEidas1AndThePractitionersClaims() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);

        String code = vigieCode();
        CibaService.Request request = service.start(practitioner.rpps(), code);
        assertEquals(120, request.started().json().path("expires_in").asInt(), request.started().body());
        assertEquals(5, request.interval(), request.started().body());
        assertEquals("authorization_pending", request.poll().error());

        PendingChallenge listed = Vigie.onlyPending(device);
        assertEquals("ciba", listed.purpose());
        assertEquals("", listed.bindingMessage(), "the code the service shows is not shown on the phone");
        assertEquals(CibaService.DEMO_CLIENT, listed.clientId());
        assertEquals("Accueil téléphonique (démonstration CIBA)", listed.clientName());
        assertEquals("type", listed.codeMode());
        assertFalse(listed.json().toString().contains(code), listed.json().toString());
        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());

        CibaService.Answer tokens = request.poll();
        assertEquals(200, tokens.status(), tokens.body());
        JsonNode idToken = Login.verifiedClaims(server, tokens.json().path("id_token").asText());
        assertEquals("eidas1", idToken.path("acr").asText(), idToken.toString());
        assertEquals(List.of("pin", "swk", "mfa"), strings(idToken.path("amr")));
        assertEquals(practitioner.userId(), idToken.path("sub").asText());
        assertEquals(practitioner.nationalId(), idToken.path("preferred_username").asText());
        assertEquals(practitioner.nationalId(), idToken.path("SubjectNameID").asText());
        assertEquals("10", idToken.path("SubjectRefPro").path("exercices").path(0).path("codeProfession").asText(), idToken.toString());
        JsonNode accessToken = Login.verifiedClaims(server, tokens.json().path("access_token").asText());
        assertEquals("eidas1", accessToken.path("acr").asText());
        assertEquals(CibaService.DEMO_CLIENT, accessToken.path("azp").asText());

        CibaService.Answer refreshed = service.refresh(tokens.json().path("refresh_token").asText());
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("eidas1", Login.verifiedClaims(server, refreshed.json().path("id_token").asText()).path("acr").asText(),
                "the level stays with the session");
        assertFalse(vigie.userEvents(practitioner).findValues("type").stream()
                .filter(type -> type.asText().equals("AUTHREQID_TO_TOKEN")).toList().isEmpty(), "Keycloak's own event of a CIBA login");

        // auth_req_id is single use.
        assertEquals("invalid_grant", request.poll().error());
        assertTrue(device.pending().challenges().isEmpty(), "a decided login leaves the list");
    }

    @Test
    void aCibaLoginWakesThePhoneWithAPushNamingOnlyTheChallenge() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        try (WebPushReceiver receiver = new WebPushReceiver(0).expectServerKey(push.vapidPublicKey())) {
            assertTrue(push.registerWebPush(receiver.endpoint(), receiver.p256dh(), receiver.auth()).ok());
            String code = vigieCode();
            CibaService.Request request = service.start(practitioner.rpps(), code);
            assertEquals(200, request.started().status(), request.started().body());

            WebPushReceiver.Received received = receiver.next(WebPushIT.PATIENCE)
                    .orElseThrow(() -> new AssertionError("a CIBA login sent no push"));
            assertTrue(received.valid(), received.problems().toString());
            PendingChallenge listed = Vigie.onlyPending(device);
            assertEquals("ciba", listed.purpose());
            JsonNode payload = org.vigie.it.support.AdminApi.parse(received.payload());
            assertEquals(listed.id(), payload.path("challenge").asText(), received.payload());
            assertFalse(received.payload().contains(code), "the code the service shows is not in the push");

            assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());
            assertEquals(200, request.poll().status());
        }
    }

    @Test
    void aBindingMessageThatIsNotAVigieCodeIsRefusedBeforeAnyPush() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();
        String typo = code.substring(0, 6) + (char) ('0' + (code.charAt(6) - '0' + 1) % 10);

        for (String binding : java.util.Arrays.asList("Guichet-3", typo, "123456", null)) {
            CibaService.Answer answer = service.backchannel(practitioner.rpps(), binding, "openid");
            assertEquals(400, answer.status(), binding + ": " + answer.body());
            assertEquals("invalid_binding_message", answer.error(), answer.body());
        }
        assertTrue(device.pending().challenges().isEmpty(), "nothing reached the phone");
    }

    @Test
    void aBindingMessageInsideASignedRequestObjectIsTheLoginsCodeAsInTheForm() {
        CibaService kiosk = CibaService.withSignedRequests(server, vigie.admin(), CibaService.newSigningKey());
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();

        // Every parameter in the request object (CIBA Core 7.1.1), none in the form.
        CibaService.Request request = kiosk.startSigned(Map.of("scope", "openid scope_all", "login_hint", practitioner.rpps(),
                "binding_message", code), Map.of());
        assertEquals("authorization_pending", request.poll().error());

        PendingChallenge listed = Vigie.onlyPending(device);
        assertEquals("ciba", listed.purpose());
        assertEquals(kiosk.clientId(), listed.clientId());
        assertEquals("type", listed.codeMode());
        assertEquals("", listed.bindingMessage(), "the code the service shows is not shown on the phone");
        assertFalse(listed.json().toString().contains(code), listed.json().toString());
        // Claimed for the identifier as a form's code: another login cannot take it.
        CibaService.Answer again = service.backchannel(practitioner.rpps(), code, "openid");
        assertEquals("invalid_binding_message", again.error(), again.body());

        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());
        CibaService.Answer tokens = request.poll();
        assertEquals(200, tokens.status(), tokens.body());
        JsonNode idToken = Login.verifiedClaims(server, tokens.json().path("id_token").asText());
        assertEquals("eidas1", idToken.path("acr").asText(), idToken.toString());
        assertEquals(practitioner.userId(), idToken.path("sub").asText());
        assertEquals(kiosk.clientId(), idToken.path("azp").asText());
    }

    @Test
    void aRequestObjectsBindingMessageMeetsTheFormsRulesAndWinsOverTheForms() {
        CibaService kiosk = CibaService.withSignedRequests(server, vigie.admin(), CibaService.newSigningKey());
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();
        String typo = code.substring(0, 6) + (char) ('0' + (code.charAt(6) - '0' + 1) % 10);

        for (Object binding : java.util.Arrays.asList("Guichet-3", typo, "123456", 1234567)) {
            CibaService.Answer answer = kiosk.backchannelSigned(Map.of("scope", "openid", "login_hint", practitioner.rpps(),
                    "binding_message", binding), Map.of());
            assertEquals(400, answer.status(), binding + ": " + answer.body());
            assertEquals("invalid_binding_message", answer.error(), binding + ": " + answer.body());
        }
        CibaService.Answer none = kiosk.backchannelSigned(Map.of("scope", "openid", "login_hint", practitioner.rpps()), Map.of());
        assertEquals("invalid_binding_message", none.error(), none.body());
        // A Vigie code in the form does not excuse a request object's text: Keycloak hands the channel the object's.
        CibaService.Answer textInObject = kiosk.backchannelSigned(Map.of("scope", "openid", "login_hint", practitioner.rpps(),
                "binding_message", "Guichet-3"), Map.of("binding_message", code));
        assertEquals("invalid_binding_message", textInObject.error(), textInObject.body());
        assertTrue(device.pending().challenges().isEmpty(), "nothing reached the phone");

        // Both: the request object's code is the login's, the form's is not claimed.
        String formCode;
        do {
            formCode = vigieCode();
        } while (formCode.equals(code));
        CibaService.Request request = kiosk.startSigned(Map.of("scope", "openid", "login_hint", practitioner.rpps(),
                "binding_message", code), Map.of("binding_message", formCode));
        assertEquals(1, device.pending().challenges().size());
        assertEquals("wrong_code", device.approveByCode(formCode, Vigie.PIN).error());
        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());
        assertEquals(200, request.poll().status());
    }

    @Test
    void aRequestObjectNotSignedByTheServicesRegisteredKeyIsRefusedBeforeAnyPush() {
        com.nimbusds.jose.jwk.ECKey registered = CibaService.newSigningKey();
        CibaService kiosk = CibaService.withSignedRequests(server, vigie.admin(), registered);
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();

        CibaService.Answer forged = kiosk.signingWith(sameKeyId(registered)).backchannelSigned(Map.of("scope", "openid",
                "login_hint", practitioner.rpps(), "binding_message", code), Map.of());

        assertEquals(400, forged.status(), forged.body());
        assertEquals("invalid_request", forged.error(), forged.body());
        assertTrue(device.pending().challenges().isEmpty(), "nothing reached the phone");
        // Nor was the code claimed: the real service can use it.
        kiosk.startSigned(Map.of("scope", "openid", "login_hint", practitioner.rpps(), "binding_message", code), Map.of());
        assertEquals(1, device.pending().challenges().size());
    }

    @Test
    void aCodeAlreadyPendingForTheIdentifierIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();
        CibaService.Request first = service.start(practitioner.rpps(), code);

        CibaService.Answer again = service.backchannel(practitioner.nationalId(), code, "openid");
        assertEquals(400, again.status(), again.body());
        assertEquals("invalid_binding_message", again.error(), again.body());

        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome(), "the code still names the first login");
        assertEquals(200, first.poll().status());
    }

    @Test
    void strangersFillingTheListDoNotStopThePractitionerApprovingByCode() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            String strangers;
            do {
                strangers = vigieCode();
            } while (!codes.add(strangers));
            service.start(practitioner.rpps(), strangers);
        }
        assertEquals(10, device.pending().challenges().size(), "the list is full");
        String code;
        do {
            code = vigieCode();
        } while (codes.contains(code));

        CibaService.Request mine = service.start(practitioner.rpps(), code);

        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());
        CibaService.Answer tokens = mine.poll();
        assertEquals(200, tokens.status(), tokens.body());
    }

    @Test
    void aWrongCodeEndsTheLoginAsAccessDenied() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String code = vigieCode();
        CibaService.Request request = service.start(practitioner.rpps(), code);

        String other = code.equals("0000000") ? "1000009" : "0000000";
        assertEquals("wrong_code", device.decide(Vigie.onlyPending(device).id(), "approve", other, Vigie.PIN).error());

        assertEquals("access_denied", request.poll().error());
    }

    @Test
    void aDenialOnThePhoneEndsTheLoginAsAccessDenied() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        CibaService.Request request = service.start(practitioner.rpps(), vigieCode());

        assertEquals("denied", device.decide(Vigie.onlyPending(device).id(), "deny", null, null).outcome());

        CibaService.Answer answer = request.poll();
        assertEquals(400, answer.status(), answer.body());
        assertEquals("access_denied", answer.error());
    }

    @Test
    void anUnknownLoginHintIsAnsweredLikeAPractitionerWhoNeverAnswers() {
        Practitioner silent = vigie.newPractitioner();
        vigie.enrolledDevice(silent);
        String base = "19" + String.format("%08d", RANDOM.nextInt(100_000_000));
        String nobody = base + Luhn.checkDigit(base);

        CibaService.Request known = service.start(silent.rpps(), vigieCode());
        CibaService.Request unknown = service.start(nobody, vigieCode());

        assertEquals(fieldNames(known.started().json()), fieldNames(unknown.started().json()));
        assertEquals(known.started().json().path("expires_in"), unknown.started().json().path("expires_in"));
        assertEquals(known.started().json().path("interval"), unknown.started().json().path("interval"));
        assertEquals(known.authReqId().length(), unknown.authReqId().length(), "auth_req_id sizes alike");
        CibaService.Answer knownPending = known.poll();
        CibaService.Answer unknownPending = unknown.poll();
        assertEquals("authorization_pending", knownPending.error());
        assertEquals(knownPending.status(), unknownPending.status());
        assertEquals(knownPending.json(), unknownPending.json());

        vigie.clock(121);
        CibaService.Answer knownExpired = known.poll();
        CibaService.Answer unknownExpired = unknown.poll();
        assertEquals("expired_token", knownExpired.error(), knownExpired.body());
        assertEquals(knownExpired.status(), unknownExpired.status());
        assertEquals(knownExpired.json(), unknownExpired.json());
    }

    @Test
    void aPractitionerLockedByBruteForceIsAnsweredLikeAnIdentifierNobodyHolds() {
        // 3 failures lock here (the realm ships 10), so that one device's wrong PINs get there.
        JsonNode realm = vigie.admin().get("");
        int failureFactor = realm.get("failureFactor").asInt();
        assertTrue(realm.get("bruteForceProtected").asBoolean(), "the realm ships with brute-force detection on");
        assertEquals(204, vigie.admin().send("PUT", "", java.util.Map.of("failureFactor", 3)).statusCode());
        try {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            String code = vigieCode();
            service.start(practitioner.rpps(), code);
            String id = Vigie.onlyPending(device).id();
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertEquals("wrong_pin", device.decide(id, "approve", code, "9513").error());
            }
            assertTrue(vigie.admin().get("/attack-detection/brute-force/users/" + practitioner.userId()).get("disabled").asBoolean(),
                    "locked by the realm's brute-force detection");
            String base = "19" + String.format("%08d", RANDOM.nextInt(100_000_000));
            String nobody = base + Luhn.checkDigit(base);

            CibaService.Request locked = service.start(practitioner.rpps(), vigieCode());
            CibaService.Request unknown = service.start(nobody, vigieCode());

            assertEquals(200, locked.started().status(), "not Keycloak's invalid_user: " + locked.started().body());
            assertEquals(fieldNames(unknown.started().json()), fieldNames(locked.started().json()));
            assertEquals(unknown.authReqId().length(), locked.authReqId().length(), "auth_req_id sizes alike");
            CibaService.Answer lockedPending = locked.poll();
            assertEquals("authorization_pending", lockedPending.error(), lockedPending.body());
            assertEquals(unknown.poll().json(), lockedPending.json());
            assertTrue(device.pending().challenges().isEmpty(), "nothing listed for a locked practitioner");
        } finally {
            vigie.admin().send("PUT", "", java.util.Map.of("failureFactor", failureFactor));
        }
    }

    @Test
    void aMalformedLoginHintIsRefusedAsAnyUserIs() {
        CibaService.Answer answer = service.backchannel("1000104536", "Guichet-3", "openid");
        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_request", answer.error());
    }

    @Test
    void aClientWithoutCibaEnabledIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        CibaService other = new CibaService(server, "vigie-health-service", "vigie-health-service-demo-secret-change-me");

        CibaService.Answer answer = other.backchannel(practitioner.rpps(), vigieCode(), "openid");

        assertEquals(401, answer.status(), answer.body());
        assertEquals("invalid_grant", answer.error(), answer.body());
        assertTrue(device.pending().challenges().isEmpty(), "nothing reached the phone");
        // Nor can it poll a request another client started.
        CibaService.Request started = service.start(practitioner.rpps(), vigieCode());
        assertEquals("invalid_grant", other.token(started.authReqId()).error());
    }

    @Test
    void theRealmShipsTheDemoClientWithCibaOffAndNoFixedSecret() throws java.io.IOException {
        JsonNode shipped;
        try (var in = CibaIT.class.getClassLoader().getResourceAsStream("realm/esante-wallet-realm.json")) {
            assertNotNull(in, "the shipped realm is on the test class path");
            shipped = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        JsonNode demo = null;
        for (JsonNode client : shipped.path("clients")) {
            if (client.path("clientId").asText().equals(CibaService.DEMO_CLIENT)) {
                demo = client;
            }
        }
        assertNotNull(demo, "the demo client is shipped");
        assertEquals("false", demo.path("attributes").path("oidc.ciba.grant.enabled").asText(), demo.toString());
        assertTrue(demo.path("secret").isMissingNode(), "no secret anyone reading the repository knows");
        for (JsonNode client : shipped.path("clients")) {
            assertFalse(client.path("attributes").path("oidc.ciba.grant.enabled").asText().equals("true"),
                    client.path("clientId").asText() + " ships with CIBA on");
        }

        // The secret an earlier realm shipped does not start a login on this server.
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        CibaService oldSecret = new CibaService(server, CibaService.DEMO_CLIENT, CibaService.OLD_PUBLIC_SECRET);
        CibaService.Answer answer = oldSecret.backchannel(practitioner.rpps(), vigieCode(), "openid");
        assertEquals(401, answer.status(), answer.body());
        assertEquals("unauthorized_client", answer.error(), answer.body());
        assertTrue(device.pending().challenges().isEmpty(), "nothing reached the phone");
    }

    @Test
    void pollingFasterThanTheIntervalIsToldToSlowDown() {
        Practitioner practitioner = vigie.newPractitioner();
        vigie.enrolledDevice(practitioner);
        CibaService.Request request = service.start(practitioner.rpps(), vigieCode());

        assertEquals("authorization_pending", request.pollNow().error());
        CibaService.Answer tooSoon = request.pollNow();
        assertEquals(400, tooSoon.status());
        assertEquals("slow_down", tooSoon.error(), tooSoon.body());
        assertEquals("authorization_pending", request.poll().error(), "keeping to the interval is fine again");
    }

    @Test
    void atNightALoginOfAPractitionerWithoutExceptionIsRefusedBeforeAnyPush() {
        Practitioner practitioner = vigie.newPractitioner(List.of());
        DeviceClient device = vigie.enrolledDevice(practitioner);
        vigie.clockAt(vigie.tuesdayAt(23, 30));

        CibaService.Request request = service.start(practitioner.rpps(), vigieCode());

        assertTrue(device.pending().challenges().isEmpty(), "no push outside the allowed hours");
        assertEquals("access_denied", request.poll().error());
        assertFalse(vigie.identifierEvents(practitioner, "off_hours_push").isEmpty());
    }

    @Test
    void atNightAnOnCallPractitionerApprovesAsByDay() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        vigie.clockAt(vigie.tuesdayAt(23, 30));

        String code = vigieCode();
        CibaService.Request request = service.start(practitioner.rpps(), code);
        Vigie.onlyPending(device);
        assertEquals("approved", device.approveByCode(code, Vigie.PIN).outcome());

        assertEquals(200, request.poll().status());
    }

    @Test
    void aServicesLoginsAreLimitedPerServiceAndLeaveThePushesOfBrowserLoginsFromItsAddress() {
        // Here the service and the browser share one address (127.0.0.1), as a kiosk's users share the service's.
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        for (int i = 0; i < 3; i++) {
            service.start(practitioner.rpps(), vigieCode());
        }
        for (PendingChallenge listed : device.pending().challenges()) {
            assertTrue(listed.json().path("notified").asBoolean(), listed.json().toString());
        }
        String fourth = vigieCode();
        service.start(practitioner.rpps(), fourth);
        assertEquals(4, device.pending().challenges().size());
        assertEquals(1, device.pending().challenges().stream().filter(c -> !c.json().path("notified").asBoolean()).count(),
                "the service's fourth login in the window is listed without a notification");

        Login browser = new Login(server).typeIdentifier(practitioner.rpps());

        assertTrue(Vigie.listed(device, browser.challengeId()).json().path("notified").asBoolean(),
                "the service's logins did not use up the pushes of the practitioner's browser at the same address");
    }

    @Test
    void ceNestPasMoiEndsTheLoginAndSuspendsNotifications() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        CibaService.Request request = service.start(practitioner.rpps(), vigieCode());

        assertEquals("reported", device.decide(Vigie.onlyPending(device).id(), "fraud", null, null).outcome());
        assertEquals("access_denied", request.poll().error());

        service.start(practitioner.rpps(), vigieCode());
        PendingChallenge next = Vigie.onlyPending(device);
        assertNotNull(next.json().get("notified"));
        assertFalse(next.json().get("notified").asBoolean(), "listed, but no notification while suspended");
    }

    /** Another key presenting itself under the registered key's id: a forged signature. */
    private static com.nimbusds.jose.jwk.ECKey sameKeyId(com.nimbusds.jose.jwk.ECKey registered) {
        try {
            return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID(registered.getKeyID())
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String vigieCode() {
        String secret = String.format("%06d", RANDOM.nextInt(1_000_000));
        return secret + Luhn.checkDigit(secret);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static java.util.Set<String> fieldNames(JsonNode json) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
