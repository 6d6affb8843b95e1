package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.it.support.Browser;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Mailbox;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.EnrolmentResult;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyType;

/** Device enrolment by activation code, and the device API's answers to bad input. */
class DeviceEnrolmentIT {

    static KeycloakServer server;
    static Vigie vigie;
    static Mailbox mailbox;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        mailbox = Mailbox.open(vigie.admin());
    }

    @AfterAll
    static void closeMailbox() {
        mailbox.close();
    }

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    void enrolmentConsumesTheCodeTellsThePractitionerAndIsAnEvent() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);

        DeviceClient device = vigie.newDevice(KeyType.P256);
        EnrolmentResult enrolled = device.enroll(practitioner.nationalId(), code.toLowerCase(), "4827", "Pixel de test");
        assertEquals(201, enrolled.status(), enrolled.http().toString());
        assertEquals(practitioner.userId(), enrolled.userId());
        assertEquals(practitioner.nationalId(), enrolled.nationalId());
        assertFalse(enrolled.deviceId().isEmpty());
        assertFalse(enrolled.keyThumbprint().isEmpty());
        assertTrue(device.pending().ok(), "the new device can call the API at once");

        List<Mailbox.Mail> mails = mailbox.to(practitioner.email(), 1);
        assertEquals(1, mails.size(), "one mail about the new device");
        assertTrue(mails.get(0).subject().contains("nouvel appareil"), mails.get(0).subject());
        assertTrue(mails.get(0).body().contains("Pixel de test"), mails.get(0).body());

        JsonNode events = vigie.userEvents(practitioner);
        assertTrue(hasReason(events, "UPDATE_CREDENTIAL", "activation_code_issued"), events.toString());
        assertTrue(hasReason(events, "UPDATE_CREDENTIAL", "device_enrolled"), events.toString());

        // Single use.
        EnrolmentResult again = vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", "second");
        assertEquals(401, again.status());
        assertEquals("invalid_activation_code", again.error());
    }

    @Test
    void fiveAttemptsFromOneAddressThenThatAddressIsRefusedEvenTheRightCode() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        for (int i = 0; i < 5; i++) {
            EnrolmentResult wrong = device.enroll(practitioner.rpps(), "AAAA-AAAA-AAAA", "4827", null);
            assertEquals(401, wrong.status());
            assertEquals("invalid_activation_code", wrong.error());
        }
        EnrolmentResult sixth = device.enroll(practitioner.rpps(), "AAAA-AAAA-AAAA", "4827", null);
        assertEquals(429, sixth.status());
        assertEquals("too_many_attempts", sixth.error());
        EnrolmentResult right = device.enroll(practitioner.rpps(), code, "4827", null);
        assertEquals(429, right.status(), "this address has used its tries at this code, even with the right one");
        assertTrue(hasReason(vigie.userEvents(practitioner), "UPDATE_CREDENTIAL_ERROR", "activation_code_refused"));
        // Other addresses keep theirs: EnrolmentLimitsIT.aStrangerCannotWithdrawThePractitionersActivationCode.
    }

    @Test
    void expiredCodeIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        vigie.clock(601);
        EnrolmentResult late = vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", null);
        assertEquals(401, late.status());
        assertEquals("invalid_activation_code", late.error());
    }

    @Test
    void operatorsSendAnEnrolmentLinkByMailThatShowsAnActivationCode() {
        JsonNode action = vigie.admin().get("/authentication/required-actions/vigie-enrol-device");
        assertTrue(action.get("enabled").asBoolean(), "registered and enabled in the shipped realm: " + action);
        Practitioner practitioner = vigie.newPractitioner();
        // Admin console: Users → the practitioner → Send email → "Vigie: enrol a device".
        var sent = vigie.admin().send("PUT", "/users/" + practitioner.userId() + "/execute-actions-email?lifespan=900",
                List.of("vigie-enrol-device"));
        assertEquals(204, sent.statusCode(), sent.body());
        List<Mailbox.Mail> mails = mailbox.to(practitioner.email(), 1);
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).body().contains("Enrôler un téléphone"), "the mail names the action: " + mails.get(0).body());
        String link = mails.get(0).link("/login-actions/action-token");

        Browser browser = new Browser("http://relying-party.invalid/");
        Browser.Page page = openEnrolmentPage(browser, link);
        String code = page.document().selectFirst("#vigie-activation-code").text().trim();
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), page.text());
        assertEquals(practitioner.nationalId(), page.document().selectFirst("#vigie-enrol-identifier").text().trim());
        assertTrue(page.document().selectFirst("#vigie-enrol-warning").text().contains("CPS"));

        // Not enrolled yet: the same page, the same code, and a message.
        Browser.Page notYet = browser.submit(page, "#vigie-enrol-form", Map.of("done", "1"));
        assertEquals(code, notYet.document().selectFirst("#vigie-activation-code").text().trim());
        assertTrue(notYet.document().selectFirst(".kc-feedback-text") != null, "says no phone was enrolled yet: " + notYet.text());

        // Someone who knows the identifier tries wrong codes: only their address is held back, the
        // practitioner's code stays and the page shows it still.
        for (int i = 0; i < 6; i++) {
            vigie.newDevice(KeyType.P256).enroll(practitioner.nationalId(), "AAAA-AAAA-AAAA", Vigie.PIN, null);
        }
        Browser.Page renewed = browser.submit(notYet, "#vigie-enrol-form", Map.of("done", "1"));
        String sameCode = renewed.document().selectFirst("#vigie-activation-code").text().trim();
        assertEquals(code, sameCode, "a stranger's wrong tries do not withdraw the code");

        // "Get a new code" replaces it; the previous one stops working.
        Browser.Page fresh = browser.submit(renewed, "#vigie-enrol-form", Map.of("newCode", "1"));
        String freshCode = fresh.document().selectFirst("#vigie-activation-code").text().trim();
        assertTrue(!freshCode.equals(sameCode));
        assertEquals("invalid_activation_code",
                vigie.newDevice(KeyType.P256).enroll(practitioner.nationalId(), sameCode, Vigie.PIN, null).error());

        DeviceClient device = vigie.newDevice(KeyType.P256);
        EnrolmentResult enrolled = device.enroll(practitioner.nationalId(), freshCode, Vigie.PIN, "Mail-enrolled phone");
        assertTrue(enrolled.ok(), enrolled.http().toString());
        Browser.Page done = browser.submit(fresh, "#vigie-enrol-form", Map.of("done", "1"));
        assertEquals(200, done.status());
        assertTrue(done.document().selectFirst("#vigie-enrol") == null, done.text());
        assertTrue(vigie.admin().get("/users/" + practitioner.userId()).get("requiredActions").isEmpty(), "the action is done");
        // The link works once: whoever else reads the mailbox later gets no code from it.
        Browser later = new Browser("http://relying-party.invalid/");
        Browser.Page reopened = later.get(link);
        var proceed = reopened.document().selectFirst("#kc-info-message a[href*=action-token]");
        if (proceed != null) {
            reopened = later.get(proceed.absUrl("href"));
        }
        assertTrue(reopened.document().selectFirst("#vigie-activation-code") == null, reopened.text());

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(device.pending().challenges().get(0).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
        boolean issuedEvent = false;
        for (JsonNode event : vigie.userEvents(practitioner)) {
            issuedEvent |= "UPDATE_CREDENTIAL".equals(event.path("type").asText())
                    && "vigie-enrol-device".equals(event.path("details").path("vigie_issued_by").asText());
        }
        assertTrue(issuedEvent, "the code's issue is an event");
    }

    @Test
    void aPractitionerAsksForAnEnrolmentLinkOnTheLoginPage() {
        Practitioner practitioner = vigie.newPractitioner();
        Login login = new Login(server).requestEnrolmentLink(practitioner.rpps());
        assertTrue(login.page().document().selectFirst("#vigie-identifier-form") != null, "still on the identifier page");
        String told = login.page().document().selectFirst(".kc-feedback-text").text();
        // Anyone typing an identifier nobody holds is told exactly the same, and nothing is sent.
        String unknown = "1666666666" + org.vigie.identifier.Luhn.checkDigit("1666666666");
        Login probe = new Login(server).requestEnrolmentLink(unknown);
        assertEquals(told, probe.page().document().selectFirst(".kc-feedback-text").text());

        List<Mailbox.Mail> mails = mailbox.to(practitioner.email(), 1);
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).body().contains(practitioner.nationalId()), mails.get(0).body());
        // One link per identifier per quarter of an hour: asking again sends nothing more.
        new Login(server).requestEnrolmentLink(practitioner.rpps());
        assertEquals(1, mailbox.to(practitioner.email(), 2).size());

        Browser browser = new Browser("http://relying-party.invalid/");
        Browser.Page page = openEnrolmentPage(browser, mails.get(0).link("/login-actions/action-token"));
        String code = page.document().selectFirst("#vigie-activation-code").text().trim();
        DeviceClient device = vigie.newDevice(KeyType.P256);
        assertTrue(device.enroll(practitioner.rpps(), code, Vigie.PIN, "Self-enrolled phone").ok());
        Browser.Page done = browser.submit(page, "#vigie-enrol-form", Map.of("done", "1"));
        assertTrue(done.document().selectFirst("#vigie-enrol") == null, done.text());

        Login signIn = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(device.pending().challenges().get(0).id(), "approve", signIn.code(), Vigie.PIN).ok());
        signIn.submitWaitingForm();
        assertTrue(signIn.reachedRelyingParty());
    }

    @Test
    void enrolmentLinksCanBeTurnedOff() {
        Map<String, String> previous = vigie.identifierConfig(Map.of("enrolmentLinks", "false"));
        try {
            Practitioner practitioner = vigie.newPractitioner();
            Login login = new Login(server);
            assertTrue(login.page().document().selectFirst("#vigie-enrol-link") == null, "no button when off");
            login.requestEnrolmentLink(practitioner.rpps());
            assertTrue(login.page().document().selectFirst("#vigie-waiting") != null, "the field is ignored: the login goes on");
            assertTrue(mailbox.to(practitioner.email(), 1).isEmpty());
        } finally {
            vigie.restoreIdentifierConfig(previous);
        }
    }

    @Test
    void theEnrolmentActionsCodeLifetimeIsCheckedWhenSaved() {
        var tooShort = vigie.admin().send("PUT", "/authentication/required-actions/vigie-enrol-device/config",
                Map.of("config", Map.of("activationCodeTtlSeconds", "5")));
        assertEquals(400, tooShort.statusCode(), tooShort.body());
        var noLimit = vigie.admin().send("PUT", "/authentication/required-actions/vigie-enrol-device/config",
                Map.of("config", Map.of("enrolAttemptsPerAddress", "0")));
        assertEquals(400, noLimit.statusCode(), noLimit.body());
        // Merged into the current config: the raised enrolment limits of the tests stay.
        vigie.enrolmentConfig(Map.of("activationCodeTtlSeconds", "600"));
    }

    @Test
    void enrolmentLooksThePractitionerUpAsTheIdentifierStepIsConfigured() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        // An operator points the identifier step at another attribute that nobody fills yet.
        Map<String, String> previous = vigie.identifierConfig(Map.of("rppsAttribute", "rppsElsewhere"));
        try {
            EnrolmentResult refused = vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", null);
            assertEquals(401, refused.status(), refused.http().toString());
            assertEquals("invalid_activation_code", refused.error());
        } finally {
            vigie.restoreIdentifierConfig(previous);
        }
        EnrolmentResult enrolled = vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", null);
        assertTrue(enrolled.ok(), "found again through the step's default attribute: " + enrolled.http());
    }

    @Test
    void unknownIdentifierGetsTheSameAnswerAsAWrongCode() {
        String unknown = "1777777777" + org.vigie.identifier.Luhn.checkDigit("1777777777");
        EnrolmentResult result = vigie.newDevice(KeyType.P256).enroll(unknown, "AAAA-AAAA-AAAA", "4827", null);
        assertEquals(401, result.status());
        assertEquals("invalid_activation_code", result.error());
    }

    /** The PIN never reaches the server: a PIN sent in clear or a verifier that is no proof is refused, the code kept. */
    @Test
    void aPinInClearOrAMalformedVerifierIsRefusedWithoutBurningTheCode() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        Map<String, Object> jwk = device.key().toPublicJWK().toJSONObject();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        org.vigie.simulator.HttpResult clear = device.postJson("/enroll", json.writeValueAsString(Map.of(
                "identifier", practitioner.rpps(), "activationCode", code, "pin", "4827", "publicKey", jwk)));
        assertEquals(400, clear.status(), clear.toString());
        assertEquals("invalid_request", clear.error());
        for (String verifier : List.of("4827", "", "AAAA", Vigie.pinVerifier() + "A")) {
            org.vigie.simulator.HttpResult refused = device.postJson("/enroll", json.writeValueAsString(Map.of(
                    "identifier", practitioner.rpps(), "activationCode", code, "pinVerifier", verifier, "publicKey", jwk)));
            assertEquals(400, refused.status(), refused.toString());
            assertEquals("invalid_request", refused.error());
        }
        assertEquals(201, vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", null).status());
    }

    @Test
    void privateOrUnsupportedKeysAreRefused() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        String withPrivate = enrolBody(practitioner.rpps(), code, new ECKeyGenerator(Curve.P_256).generate().toJSONObject());
        HttpResult refused = device.postJson("/enroll", withPrivate);
        assertEquals(400, refused.status());
        assertEquals("invalid_key", refused.error());
        String rsa = enrolBody(practitioner.rpps(), code, new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONObject());
        assertEquals("invalid_key", device.postJson("/enroll", rsa).error());
        String p384 = enrolBody(practitioner.rpps(), code, new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONObject());
        assertEquals("invalid_key", device.postJson("/enroll", p384).error());
    }

    @Test
    void malformedAndOversizedBodiesGetClearJsonErrors() {
        DeviceClient device = vigie.newDevice(KeyType.P256);
        assertError(device.postJson("/enroll", "{not json"), 400, "invalid_request");
        assertError(device.postJson("/enroll", "[1,2]"), 400, "invalid_request");
        assertError(device.postJson("/enroll", "{\"identifier\": 42}"), 400, "invalid_request");
        assertError(device.postJson("/enroll", "{\"identifier\":\"10001045367\",\"activationCode\":\"x\",\"pinVerifier\":\""
                + Vigie.pinVerifier() + "\"}"), 400, "invalid_key");
        assertError(device.postJson("/enroll", "{\"pad\":\"" + "x".repeat(20_000) + "\"}"), 413, "request_too_large");
        assertError(device.send("POST", "/challenges/abc/decision", "application/jose", "not-a-jws", null), 401, "invalid_token");
        assertError(device.send("POST", "/challenges/abc/decision", "application/jose", "a".repeat(40_000), null), 413, "request_too_large");
        assertError(device.get("/challenges", null), 401, "invalid_token");
        assertError(device.get("/challenges", "garbage"), 401, "invalid_token");
    }

    @Test
    void deviceTokensMustBeFreshAndForThisApi() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Map<String, Object> wrongAudience = device.deviceJwtClaims();
        wrongAudience.put("aud", "https://elsewhere.example/realms/esante-wallet/vigie-device");
        assertError(device.get("/challenges", device.deviceJwt(wrongAudience)), 401, "invalid_token");
        Map<String, Object> tooLong = device.deviceJwtClaims();
        tooLong.put("exp", ((Number) tooLong.get("iat")).longValue() + 3600);
        assertError(device.get("/challenges", device.deviceJwt(tooLong)), 401, "invalid_token");
        Map<String, Object> old = device.deviceJwtClaims();
        long iat = ((Number) old.get("iat")).longValue() - 600;
        old.put("iat", iat);
        old.put("exp", iat + 60);
        assertError(device.get("/challenges", device.deviceJwt(old)), 401, "invalid_token");
        Map<String, Object> otherUser = device.deviceJwtClaims();
        otherUser.put("sub", vigie.newPractitioner().userId());
        assertError(device.get("/challenges", device.deviceJwt(otherUser)), 401, "invalid_token");
    }

    @Test
    void activationCodesNeedAnAdministrator() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        var anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/admin/realms/esante-wallet/vigie/users/" + practitioner.userId() + "/activation-codes"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        var badTtl = vigie.admin().send("POST", "/vigie/users/" + practitioner.userId() + "/activation-codes?ttl=5", null);
        assertEquals(400, badTtl.statusCode());
        var unknownUser = vigie.admin().send("POST", "/vigie/users/no-such-user/activation-codes", null);
        assertEquals(404, unknownUser.statusCode());
    }

    @Test
    void practitionerIsToldByMailAfterAFraudReport() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(device.pending().challenges().get(0).id(), "fraud", null, null).ok());
        List<Mailbox.Mail> mails = mailbox.to(practitioner.email(), 2);
        Mailbox.Mail fraud = mails.stream().filter(m -> m.subject().contains("signalée")).findFirst()
                .orElseThrow(() -> new AssertionError("no fraud mail in " + mails));
        assertTrue(fraud.body().contains("Service de d"), fraud.body());
        assertTrue(fraud.body().contains("127.0.0.1"), fraud.body());
        assertTrue(fraud.body().contains("securite@vigie.invalid"), fraud.body());
        login.submitWaitingForm();
    }

    @Test
    void operatorCommandPrintsACodeThatEnrolsADevice() {
        Practitioner practitioner = vigie.newPractitioner();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = new org.vigie.operator.ActivationCodeCli(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
                .run(new String[]{"--rpps", practitioner.rpps(), "--server", server.baseUrl()},
                        Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER, "KC_BOOTSTRAP_ADMIN_PASSWORD", server.adminPassword()));
        assertEquals(0, exit, err.toString());
        String[] lines = out.toString().trim().split("\\R");
        String code = lines[lines.length - 1];
        assertEquals(201, vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, "4827", null).status());

        int unknown = new org.vigie.operator.ActivationCodeCli(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
                .run(new String[]{"--rpps", "10000000008", "--server", server.baseUrl()},
                        Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER, "KC_BOOTSTRAP_ADMIN_PASSWORD", server.adminPassword()));
        assertEquals(1, unknown);
        int noCredentials = new org.vigie.operator.ActivationCodeCli(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))
                .run(new String[]{"--rpps", practitioner.rpps(), "--server", server.baseUrl()}, Map.of());
        assertEquals(1, noCredentials);
    }

    private static String enrolBody(String rpps, String code, Map<String, Object> jwk) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                    "identifier", rpps, "activationCode", code, "pinVerifier", Vigie.pinVerifier(), "publicKey", jwk));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Opens an e-mailed action link and confirms it (Keycloak asks first) up to the enrolment page. */
    private static Browser.Page openEnrolmentPage(Browser browser, String link) {
        Browser.Page page = browser.get(link);
        if (page.document().selectFirst("#vigie-activation-code") == null) {
            var proceed = page.document().selectFirst("#kc-info-message a[href*=action-token]");
            assertTrue(proceed != null, page.text());
            page = browser.get(proceed.absUrl("href"));
        }
        assertTrue(page.document().selectFirst("#vigie-activation-code") != null, page.url() + " " + page.status() + "\n" + page.body());
        return page;
    }

    private static void assertError(HttpResult result, int status, String error) {
        assertEquals(status, result.status(), result.toString());
        assertEquals(error, result.error(), result.toString());
    }

    private static boolean hasReason(JsonNode events, String type, String reason) {
        for (JsonNode event : events) {
            if (type.equals(event.path("type").asText()) && reason.equals(event.path("details").path("vigie_reason").asText())) {
                return true;
            }
        }
        return false;
    }
}
