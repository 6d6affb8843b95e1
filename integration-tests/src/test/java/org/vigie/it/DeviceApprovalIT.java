package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.Browser;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyType;
import org.vigie.simulator.PendingChallenge;

/**
 * The second step: a challenge approved on the practitioner's enrolled device, played by the
 * device simulator against the real server, with every way it can go wrong.
 */
class DeviceApprovalIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
    }

    @org.junit.jupiter.api.BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }


    @Test
    void fullLoginWithPkceEndsWithEidas1Tokens() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String code = login.code();
        assertTrue(code.matches("\\d{6}"), code);
        assertEquals("pending", login.status().get("status").asText());

        PendingChallenge challenge = Vigie.onlyPending(device);
        assertEquals("vigie-demo", challenge.clientId());
        assertEquals("Service de démonstration Vigie", challenge.clientName());
        assertEquals("127.0.0.1", challenge.ipAddress());
        assertTrue(challenge.userAgent().contains("VigieIT"), challenge.userAgent());
        assertEquals("type", challenge.codeMode());
        assertTrue(challenge.codeChoices().isEmpty());
        assertTrue(challenge.expiresAt() - challenge.createdAt() == 120, "default lifetime 120 s");

        DecisionResult approved = device.decide(challenge.id(), "approve", code, Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        assertEquals("approved", approved.outcome());
        assertEquals("decided", login.status().get("status").asText());

        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().url() + "\n" + login.page().text());
        assertEquals(login.client().state(), login.page().query().get("state"));

        JsonNode tokens = login.exchangeCode();
        JsonNode idToken = Login.verifiedClaims(server, tokens.get("id_token").asText());
        assertEquals("eidas1", idToken.get("acr").asText());
        assertTrue(idToken.get("amr").toString().contains("pin"), idToken.toString());
        assertTrue(idToken.get("amr").toString().contains("mfa"), idToken.toString());
        assertTrue(idToken.get("auth_time").asLong() > 0);
        assertEquals(login.client().nonce(), idToken.get("nonce").asText());
        assertEquals(practitioner.userId(), idToken.get("sub").asText());
        assertEquals(practitioner.nationalId(), idToken.get("SubjectNameID").asText());
        assertEquals(practitioner.nationalId(), idToken.get("preferred_username").asText());
        assertEquals("10", idToken.get("SubjectRefPro").get("exercices").get(0).get("codeProfession").asText());
        assertEquals("Cabinet de test", idToken.get("SubjectRefPro").get("exercices").get(0).get("activities").get(0)
                .get("raisonSocialeSite").asText());
        JsonNode accessToken = Login.verifiedClaims(server, tokens.get("access_token").asText());
        assertEquals("eidas1", accessToken.get("acr").asText());
        assertEquals(120, accessToken.get("exp").asLong() - accessToken.get("iat").asLong(), "PSC-like 2 min access token");

        JsonNode userInfo = Login.userInfo(server, tokens.get("access_token").asText());
        assertEquals(practitioner.userId(), userInfo.get("sub").asText());
        assertEquals(practitioner.nationalId(), userInfo.get("SubjectNameID").asText());
        assertEquals("SM54", userInfo.get("SubjectRefPro").get("exercices").get(0).get("codeSavoirFaire").asText());

        // A decided challenge is not listed any more, and cannot be decided again.
        assertTrue(device.pending().challenges().isEmpty());
        assertEquals(409, device.decide(challenge.id(), "approve", code, Vigie.PIN).status());
    }

    @Test
    void ed25519DeviceApprovesToo() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner, KeyType.ED25519);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        DecisionResult approved = device.decide(login.challengeId(), "approve", login.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
    }

    @Test
    void pickModeOffersThreeCodesIncludingTheBrowsersOne() {
        Map<String, String> previous = vigie.approvalConfig(Map.of("codeMode", "pick"));
        try {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            PendingChallenge challenge = Vigie.onlyPending(device);
            assertEquals("pick", challenge.codeMode());
            assertEquals(3, challenge.codeChoices().size());
            assertEquals(3, challenge.codeChoices().stream().distinct().count());
            assertTrue(challenge.codeChoices().contains(login.code()), challenge.codeChoices() + " / " + login.code());
            assertTrue(device.decide(challenge.id(), "approve", login.code(), Vigie.PIN).ok());
            login.submitWaitingForm();
            assertTrue(login.reachedRelyingParty());
        } finally {
            vigie.approvalConfig(previous);
        }
    }

    @Test
    void withoutJavaScriptTheFormShowsTheWaitingPageAgainUntilDecided() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String code = login.code();
        Browser.Page again = login.submitWaitingForm();
        assertNotNull(again.document().selectFirst("#vigie-waiting"), "still waiting: " + again.text());
        assertEquals(code, login.code(), "same challenge, same code");
        assertEquals(1, device.pending().challenges().size(), "no second push for the same login");
        assertTrue(device.decide(Vigie.onlyPending(device).id(), "approve", code, Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty());
    }

    @Test
    void wrongPinsAreCountedAcrossChallengesThenTheDeviceIsLocked() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);

        Login first = new Login(server).typeIdentifier(practitioner.rpps());
        String firstId = Vigie.onlyPending(device).id();
        for (int attempt = 1; attempt <= 3; attempt++) {
            DecisionResult wrong = device.decide(firstId, "approve", first.code(), "9513");
            assertEquals(422, wrong.status(), wrong.http().toString());
            assertEquals("wrong_pin", wrong.error());
            assertEquals(5 - attempt, wrong.remainingAttempts());
        }
        // A new login (new challenge) does not reset the count.
        Login second = new Login(server).typeIdentifier(practitioner.rpps());
        String secondId = second.challengeId();
        String secondCode = second.code();
        assertNotEquals(firstId, secondId);
        assertEquals(1, device.decide(secondId, "approve", secondCode, "9513").remainingAttempts());
        DecisionResult locked = device.decide(secondId, "approve", secondCode, "9513");
        assertEquals(403, locked.status());
        assertEquals("device_locked", locked.error());
        Browser.Page lockedPage = second.submitWaitingForm();
        assertEquals("locked", lockedPage.document().selectFirst("#vigie-result").attr("data-outcome"), lockedPage.text());
        // Locked: even the right PIN is refused, and the device cannot list challenges.
        assertEquals(403, device.decide(secondId, "approve", secondCode, Vigie.PIN).status());
        assertEquals(403, device.pending().status());
        // The next login sends no push to a locked device; the browser sees the same waiting page.
        new Login(server).typeIdentifier(practitioner.rpps());

        // An operator unlocks it (admin REST); the device works again.
        var unlocked = vigie.admin().send("POST", "/vigie/users/" + practitioner.userId() + "/devices/" + device.deviceId() + "/unlock", null);
        assertEquals(204, unlocked.statusCode(), unlocked.body());
        Login third = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(third.challengeId(), "approve", third.code(), Vigie.PIN).ok());
        third.submitWaitingForm();
        assertTrue(third.reachedRelyingParty());
        assertTrue(hasEvent(practitioner, "LOGIN_ERROR", "device_locked"));
    }

    @Test
    void wrongCodeBurnsTheChallenge() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String wrongCode = login.code().equals("000000") ? "111111" : "000000";
        String id = Vigie.onlyPending(device).id();
        DecisionResult wrong = device.decide(id, "approve", wrongCode, Vigie.PIN);
        assertEquals(422, wrong.status());
        assertEquals("wrong_code", wrong.error());
        assertEquals(409, device.decide(id, "approve", login.code(), Vigie.PIN).status(), "burnt: the right code comes too late");
        Browser.Page result = login.submitWaitingForm();
        assertEquals("wrongCode", result.document().selectFirst("#vigie-result").attr("data-outcome"));
        assertFalse(login.reachedRelyingParty());
        assertEquals(1, vigie.admin().get("/attack-detection/brute-force/users/" + practitioner.userId()).get("numFailures").asInt(),
                "a wrong code counts as a failed login for the realm's brute-force detection");
    }

    @Test
    void passwordGuessesCannotLockAPractitionerOut() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        // Any client, any number of tries: this realm has no password login to guess at.
        for (String client : List.of("admin-cli", "vigie-demo", "account")) {
            for (int i = 0; i < 4; i++) {
                java.net.http.HttpResponse<String> guess = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.realmUrl() + "/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client
                                        + "&username=" + practitioner.nationalId() + "&password=guess" + i)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertTrue(guess.statusCode() == 400 || guess.statusCode() == 401, guess.body());
                assertFalse(guess.body().contains("access_token"), guess.body());
            }
        }
        JsonNode status = vigie.admin().get("/attack-detection/brute-force/users/" + practitioner.userId());
        assertEquals(0, status.get("numFailures").asInt(), status.toString());
        assertFalse(status.get("disabled").asBoolean());
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(login.challengeId(), "approve", login.code(), Vigie.PIN).ok());
    }

    @Test
    void wrongPinsFeedTheRealmsBruteForceDetectionWhichStopsPushesAndApprovals() {
        // The realm locks after 10 failures (NIST SP 800-63B); 3 here, so that one device (5 PINs) gets there.
        JsonNode realm = vigie.admin().get("");
        int failureFactor = realm.get("failureFactor").asInt();
        assertTrue(realm.get("bruteForceProtected").asBoolean(), "the realm ships with brute-force detection on");
        assertEquals(204, vigie.admin().send("PUT", "", Map.of("failureFactor", 3)).statusCode());
        try {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            String code = login.code();
            String id = Vigie.onlyPending(device).id();
            for (int attempt = 1; attempt <= 3; attempt++) {
                DecisionResult wrong = device.decide(id, "approve", code, "9513");
                assertEquals("wrong_pin", wrong.error(), wrong.http().toString());
            }
            JsonNode status = vigie.admin().get("/attack-detection/brute-force/users/" + practitioner.userId());
            assertTrue(status.get("disabled").asBoolean(), "locked for operators to see: " + status);
            assertEquals(3, status.get("numFailures").asInt());

            // Locked: the right PIN is not even checked, and the browser stops waiting.
            DecisionResult refused = device.decide(id, "approve", code, Vigie.PIN);
            assertEquals(403, refused.status(), refused.http().toString());
            assertEquals("user_locked", refused.error());
            Browser.Page page = login.submitWaitingForm();
            assertEquals("userLocked", page.document().selectFirst("#vigie-result").attr("data-outcome"), page.text());
            assertTrue(hasEvent(practitioner, "LOGIN_ERROR", "user_locked"));
            // Nothing to approve while locked; the browser sees the same waiting page as for anyone.
            Login whileLocked = new Login(server).typeIdentifier(practitioner.rpps());
            assertEquals("pending", whileLocked.status().get("status").asText());
            assertTrue(device.pending().challenges().isEmpty(), "nothing listed for a locked practitioner");

            // An operator clears the lockout (admin console: Users → the user → unlock); logins work again.
            assertEquals(204, vigie.admin().send("DELETE", "/attack-detection/brute-force/users/" + practitioner.userId(), null).statusCode());
            Login again = new Login(server).typeIdentifier(practitioner.rpps());
            assertTrue(device.decide(again.challengeId(), "approve", again.code(), Vigie.PIN).ok());
            again.submitWaitingForm();
            assertTrue(again.reachedRelyingParty(), again.page().text());
        } finally {
            vigie.admin().send("PUT", "", Map.of("failureFactor", failureFactor));
        }
    }

    @Test
    void denyShowsAFailurePageAndRecordsAnEvent() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        DecisionResult denied = device.decide(Vigie.onlyPending(device).id(), "deny", null, null);
        assertEquals("denied", denied.outcome());
        Browser.Page result = login.submitWaitingForm();
        assertEquals("denied", result.document().selectFirst("#vigie-result").attr("data-outcome"));
        assertTrue(result.text().contains("La connexion a été refusée"), result.text());
        assertNotNull(result.document().selectFirst("#vigie-restart"));
        assertFalse(login.reachedRelyingParty());
        assertTrue(hasEvent(practitioner, "LOGIN_ERROR", "denied_on_device"));
    }

    @Test
    void fraudReportFailsTheLoginSuspendsPushesAndRecordsTheBrowser() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        DecisionResult reported = device.decide(Vigie.onlyPending(device).id(), "fraud", null, null);
        assertEquals("reported", reported.outcome());

        Browser.Page result = login.submitWaitingForm();
        assertEquals("reported", result.document().selectFirst("#vigie-result").attr("data-outcome"));
        assertTrue(result.text().contains("securite@vigie.invalid"), "report contact from the step's config: " + result.text());

        JsonNode fraud = event(practitioner, "LOGIN_ERROR", "fraud_reported");
        assertNotNull(fraud, "fraud event");
        assertEquals("127.0.0.1", fraud.path("details").path("vigie_browser_ip").asText());
        assertTrue(fraud.path("details").path("vigie_browser_user_agent").asText().contains("VigieIT"));
        assertEquals("vigie-demo", fraud.path("clientId").asText());

        JsonNode user = vigie.admin().get("/users/" + practitioner.userId());
        long until = user.path("attributes").path("vigieSuspendedUntil").get(0).asLong();
        long now = vigie.serverNow();
        assertTrue(until > now + 19 * 60 && until <= now + 21 * 60, "suspended about 20 minutes: " + (until - now));

        // The next login gets the same waiting page; no notification while suspended, but the
        // practitioner can still approve their own login from the app's list.
        Login next = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals("pending", next.status().get("status").asText());
        assertFalse(Vigie.listed(device, next.challengeId()).json().path("notified").asBoolean());

        // After the suspension, pushes come back.
        vigie.clock(21 * 60);
        Login later = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(Vigie.listed(device, later.challengeId()).json().path("notified").asBoolean());
        assertTrue(device.approveByCode(later.code(), Vigie.PIN).ok());
        later.submitWaitingForm();
        assertTrue(later.reachedRelyingParty(), later.page().text());
    }

    @Test
    void quitCancelsTheChallengeAndALateApprovalIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String code = login.code();
        String id = Vigie.onlyPending(device).id();

        Browser.Page back = login.quit();
        assertTrue(back.url().startsWith(OidcClient.REDIRECT_URI), back.url());
        assertEquals("access_denied", back.query().get("error"));
        assertEquals(login.client().state(), back.query().get("state"));

        assertTrue(device.pending().challenges().isEmpty(), "a cancelled challenge is not listed");
        DecisionResult late = device.decide(id, "approve", code, Vigie.PIN);
        assertEquals(410, late.status());
        assertEquals("challenge_cancelled", late.error());
        JsonNode quit = event(practitioner, "LOGIN_ERROR", "user_quit");
        assertTrue(quit == null || "device-approval".equals(quit.path("details").path("vigie_step").asText()));
        assertTrue(anyEvent("LOGIN_ERROR", "user_quit", "device-approval"), "quit event at the device-approval step");
    }

    @Test
    void expiredChallengeShowsTheExpiredPageAndRefusesApproval() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        vigie.clock(121);
        assertEquals("expired", login.status().get("status").asText());
        DecisionResult late = device.decide(id, "approve", login.code(), Vigie.PIN);
        assertEquals(410, late.status());
        assertEquals("challenge_expired", late.error());
        Browser.Page result = login.submitWaitingForm();
        assertEquals("expired", result.document().selectFirst("#vigie-result").attr("data-outcome"));
        assertNotNull(result.document().selectFirst("#vigie-restart"));
    }

    @Test
    void unknownIdentifierWaitsLikeAKnownOneThenExpires() {
        String unknown = "1888888888" + org.vigie.identifier.Luhn.checkDigit("1888888888");
        Login login = new Login(server).typeIdentifier(unknown);
        assertTrue(login.code().matches("\\d{6}"));
        assertEquals("pending", login.status().get("status").asText());
        assertNotNull(login.submitWaitingForm().document().selectFirst("#vigie-waiting"));
        vigie.clock(121);
        Browser.Page result = login.submitWaitingForm();
        assertEquals("expired", result.document().selectFirst("#vigie-result").attr("data-outcome"));
    }

    @Test
    void replayedDecisionIsRefused() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        String deny = device.decisionJws(device.decisionClaims(id, "deny", null, null));
        HttpResult first = device.postJose(DeviceClient.decisionPath(id), deny);
        assertEquals(200, first.status(), first.toString());
        HttpResult replay = device.postJose(DeviceClient.decisionPath(id), deny);
        assertEquals(409, replay.status());
        assertEquals("replayed", replay.error());
    }

    @Test
    void decisionSignedByAnotherDeviceIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        DeviceClient thief = new DeviceClient(device.baseUrl(), DeviceClient.generateKey(KeyType.P256), device.deviceId(), device.userId());
        // Its claims are right (sub, kid of the real device): only the signature is not.
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        DecisionResult forged = thief.decide(id, "approve", login.code(), Vigie.PIN);
        assertEquals(401, forged.status());
        assertEquals("invalid_token", forged.error());
        assertEquals(401, thief.pending().status());
        assertEquals("pending", login.status().get("status").asText(), "a forged approval changes nothing");
    }

    @Test
    void deviceCannotDecideAnotherPractitionersChallenge() {
        Practitioner victim = vigie.newPractitioner();
        DeviceClient victimDevice = vigie.enrolledDevice(victim);
        Practitioner other = vigie.newPractitioner();
        DeviceClient otherDevice = vigie.enrolledDevice(other);
        Login login = new Login(server).typeIdentifier(victim.rpps());
        String id = Vigie.onlyPending(victimDevice).id();
        assertTrue(otherDevice.pending().challenges().isEmpty());
        DecisionResult refused = otherDevice.decide(id, "approve", login.code(), Vigie.PIN);
        assertEquals(404, refused.status());
        assertEquals("challenge_not_found", refused.error());
    }

    @Test
    void concurrentDecisionsHaveExactlyOneOutcome() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        String code = login.code();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<DecisionResult>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String decision = i % 2 == 0 ? "approve" : "deny";
                calls.add(() -> device.decide(id, decision, code, Vigie.PIN));
            }
            int ok = 0;
            for (Future<DecisionResult> result : pool.invokeAll(calls)) {
                DecisionResult r = result.get();
                if (r.ok()) {
                    ok++;
                } else {
                    assertTrue(r.status() == 409 || r.status() == 429, r.http().toString());
                    assertTrue(List.of("already_decided", "slow_down").contains(r.error()), r.http().toString());
                }
            }
            assertEquals(1, ok, "exactly one decision wins");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokedDeviceIsRefusedAndGetsNoPush() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        var deleted = vigie.admin().send("DELETE", "/users/" + practitioner.userId() + "/credentials/" + device.deviceId(), null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(401, device.pending().status());
        new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals(401, device.pending().status());
    }

    @Test
    void devicesAreVisibleToOperatorsAsCredentials() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        JsonNode credentials = vigie.admin().get("/users/" + practitioner.userId() + "/credentials");
        boolean found = false;
        for (JsonNode credential : credentials) {
            if (device.deviceId().equals(credential.path("id").asText())) {
                found = true;
                assertEquals("vigie-device", credential.path("type").asText());
                assertEquals("IT phone", credential.path("userLabel").asText());
                assertFalse(credential.path("credentialData").asText().contains(Vigie.PIN));
            }
            assertNotEquals("vigie-activation-code", credential.path("type").asText(), "the used code is gone");
        }
        assertTrue(found, credentials.toString());
    }

    @Test
    void parallelWrongPinsCannotGetPastTheLimit() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        String code = login.code();
        int checked = 0;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 8; round++) {
                List<Callable<HttpResult>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String pin = String.format("%04d", 1000 + round * 8 + i + 3);
                    calls.add(() -> device.postJose(DeviceClient.decisionPath(id),
                            device.decisionJws(device.decisionClaims(id, "approve", code, pin))));
                }
                for (Future<HttpResult> result : pool.invokeAll(calls)) {
                    HttpResult r = result.get();
                    assertTrue(List.of("wrong_pin", "slow_down", "device_locked", "already_decided").contains(r.error()), r.toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // What was evaluated, not guessed from the answers: one event per evaluated wrong PIN.
        for (JsonNode event : vigie.userEvents(practitioner)) {
            String reason = event.path("details").path("vigie_reason").asText();
            checked += "wrong_pin".equals(reason) || "device_locked".equals(reason) ? 1 : 0;
        }
        assertTrue(checked <= 5, "at most 5 PINs ever checked, got " + checked);
        assertEquals(403, device.decide(id, "approve", code, Vigie.PIN).status(), "locked, even for the right PIN");
    }

    private static boolean hasEvent(Practitioner practitioner, String type, String reason) {
        return event(practitioner, type, reason) != null;
    }

    private static JsonNode event(Practitioner practitioner, String type, String reason) {
        for (JsonNode event : vigie.userEvents(practitioner)) {
            if (type.equals(event.path("type").asText()) && reason.equals(event.path("details").path("vigie_reason").asText())) {
                return event;
            }
        }
        return null;
    }

    private static boolean anyEvent(String type, String reason, String step) {
        for (JsonNode event : vigie.admin().events(type)) {
            JsonNode details = event.path("details");
            if (reason.equals(details.path("vigie_reason").asText()) && step.equals(details.path("vigie_step").asText())) {
                return true;
            }
        }
        return false;
    }

}
