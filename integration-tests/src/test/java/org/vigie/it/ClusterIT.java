package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.Browser;
import org.vigie.it.support.CibaService;
import org.vigie.it.support.KeycloakCluster;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.OidcClient;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.PendingChallenge;

/**
 * Vigie on a two-node Keycloak cluster (shared PostgreSQL, Keycloak's embedded Infinispan): the
 * browser, the device and the relying party each reach whichever node a load balancer would give
 * them, and every piece of Vigie's state (pending challenges, decisions, replay guards, push
 * limits, PIN counters) is the same on both.
 */
class ClusterIT {

    static KeycloakCluster cluster;
    static KeycloakServer nodeA;
    static KeycloakServer nodeB;
    static Vigie vigieA;
    static Vigie vigieB;

    @BeforeAll
    static void cluster() {
        cluster = KeycloakCluster.start();
        nodeA = cluster.node(0);
        nodeB = cluster.node(1);
        vigieA = new Vigie(nodeA);
        vigieB = new Vigie(nodeB);
        // Each node has its own clock (test-only provider): both at the tests' Tuesday 10:00.
        vigieA.clock(0);
        vigieB.clock(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }


    @Test
    void aLoginStartedOnOneNodeIsApprovedThroughTheOther() {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);

        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        String code = login.code();
        PendingChallenge challenge = Vigie.onlyPending(deviceOnB);
        assertEquals("pending", login.status().get("status").asText());

        DecisionResult approved = deviceOnB.decide(challenge.id(), "approve", code, Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        assertEquals("decided", login.status().get("status").asText(), "node A's status endpoint sees node B's decision");

        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().url() + "\n" + login.page().text());
        JsonNode tokens = login.exchangeCode(nodeB);
        JsonNode idToken = Login.verifiedClaims(nodeB, tokens.get("id_token").asText());
        assertEquals("eidas1", idToken.get("acr").asText());
        assertEquals(practitioner.nationalId(), idToken.get("SubjectNameID").asText());
        assertEquals(nodeA.realmUrl(), idToken.get("iss").asText(), "one issuer for the whole cluster");
        JsonNode userInfo = Login.userInfo(nodeB, tokens.get("access_token").asText());
        assertEquals(practitioner.userId(), userInfo.get("sub").asText());

        assertTrue(deviceOnA.pending().challenges().isEmpty(), "decided on B, no longer pending on A");
        assertEquals(409, deviceOnA.decide(challenge.id(), "approve", code, Vigie.PIN).status());
    }

    @Test
    void loggingOutOnOneNodeEndsTheSessionOnBoth() throws Exception {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient device = vigieA.enrolledDevice(practitioner);
        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        assertTrue(device.decide(Vigie.onlyPending(device).id(), "approve", login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        JsonNode tokens = login.exchangeCode(nodeA);
        assertEquals(1, vigieB.sessions(practitioner).size(), "node B knows the session opened on node A");

        // RP-initiated logout at node B (id_token_hint, post_logout_redirect_uri, state).
        String logout = nodeB.realmUrl() + "/protocol/openid-connect/logout?id_token_hint=" + tokens.get("id_token").asText()
                + "&post_logout_redirect_uri=" + java.net.URLEncoder.encode("http://127.0.0.1:8765/", java.nio.charset.StandardCharsets.UTF_8)
                + "&state=cluster-bye";
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(logout)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, answer.statusCode(), answer.body());
        assertEquals("http://127.0.0.1:8765/?state=cluster-bye", answer.headers().firstValue("Location").orElse(""));

        // Node A: no session, no refresh, and its browser is asked to sign in again.
        assertEquals(0, vigieA.sessions(practitioner).size());
        String refresh = "grant_type=refresh_token&client_id=" + OidcClient.CLIENT_ID + "&refresh_token=" + tokens.get("refresh_token").asText();
        java.net.http.HttpResponse<String> refreshed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(nodeA.realmUrl() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(refresh)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refreshed.statusCode(), refreshed.body());
        Browser.Page silent = login.open(new OidcClient(nodeA.realmUrl()).authorizationUrl(java.util.Map.of("prompt", "none")));
        assertEquals("login_required", silent.query().get("error"), silent.url());
    }

    @Test
    void aSignedDecisionIsAcceptedOnceAcrossNodes() throws Exception {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);
        new Login(nodeB).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(deviceOnA).id();

        String deny = deviceOnA.decisionJws(deviceOnA.decisionClaims(id, "deny", null, null));
        HttpResult first = deviceOnA.postJose(DeviceClient.decisionPath(id), deny);
        assertEquals(200, first.status(), first.toString());
        HttpResult replay = deviceOnB.postJose(DeviceClient.decisionPath(id), deny);
        assertEquals(409, replay.status(), replay.toString());
        assertEquals("replayed", replay.error());
    }

    @Test
    void quittingOnOneNodeCancelsTheChallengeOnTheOther() {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnB = vigieB.sameDevice(vigieA.enrolledDevice(practitioner));
        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        String code = login.code();
        String id = Vigie.onlyPending(deviceOnB).id();

        Browser.Page back = login.quit();
        assertTrue(back.url().startsWith(OidcClient.REDIRECT_URI), back.url());
        assertEquals("access_denied", back.query().get("error"));
        assertTrue(deviceOnB.pending().challenges().isEmpty());
        DecisionResult late = deviceOnB.decide(id, "approve", code, Vigie.PIN);
        assertEquals(410, late.status(), late.http().toString());
        assertEquals("challenge_cancelled", late.error());
    }

    @Test
    void aBrowserWaitingOnOneNodeIsWokenByAnApprovalOnTheOther() throws Exception {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient onA = vigieA.enrolledDevice(practitioner);
        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> Login.longPoll(login.statusUrl(), 25));
        Thread.sleep(1500); // the wait has begun on node A
        assertTrue(vigieB.sameDevice(onA).approveByCode(login.code(), Vigie.PIN).ok());
        var answer = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
        // A timed-out wait answers "pending": "decided" means node B's decision woke node A's wait.
        assertEquals("decided", org.vigie.it.support.AdminApi.parse(answer.body()).path("status").asText(), answer.body());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }

    @Test
    void pushLimitsCountLoginsOnEveryNode() {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient device = vigieA.enrolledDevice(practitioner);
        KeycloakServer[] alternate = {nodeA, nodeB, nodeA};
        for (KeycloakServer node : alternate) {
            Login login = new Login(node).typeIdentifier(practitioner.rpps());
            assertTrue(Vigie.listed(device, login.challengeId()).json().path("notified").asBoolean());
        }
        Login fourth = new Login(nodeB).typeIdentifier(practitioner.rpps());
        assertNotNull(fourth.page().document().selectFirst("#vigie-waiting"));
        assertFalse(Vigie.listed(device, fourth.challengeId()).json().path("notified").asBoolean(),
                "the default limit (3 per practitioner and address in 15 minutes) holds across nodes: no fourth push");
        // Held back, not blocked: approved through the other node.
        assertTrue(vigieB.sameDevice(device).approveByCode(fourth.code(), Vigie.PIN).ok());
        fourth.submitWaitingForm();
        assertTrue(fourth.reachedRelyingParty(), fourth.page().text());
    }

    @Test
    void wrongPinsCountOnEveryNodeThenTheDeviceIsLockedOnBoth() {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);
        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(deviceOnA).id();

        DeviceClient[] alternate = {deviceOnA, deviceOnB, deviceOnA, deviceOnB};
        for (int attempt = 1; attempt <= alternate.length; attempt++) {
            DecisionResult wrong = alternate[attempt - 1].decide(id, "approve", login.code(), "9513");
            assertEquals(422, wrong.status(), wrong.http().toString());
            assertEquals(5 - attempt, wrong.remainingAttempts(), "attempt " + attempt + " counted once, whichever node");
        }
        DecisionResult locked = deviceOnA.decide(id, "approve", login.code(), "9513");
        assertEquals(403, locked.status(), locked.http().toString());
        assertEquals("device_locked", locked.error());
        DecisionResult rightPinOnB = deviceOnB.decide(id, "approve", login.code(), Vigie.PIN);
        assertEquals(403, rightPinOnB.status(), "locked on node B too, even for the right PIN");
        assertEquals(403, deviceOnB.pending().status());
    }

    @Test
    void twentyConcurrentWrongPinsOnTwoNodesEvaluateAtMostFive() throws Exception {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);
        Login login = new Login(nodeA).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(deviceOnA).id();
        Object quickCheck = DeviceCountersIT.withoutQuickLoginCheck(vigieA);
        java.util.List<HttpResult> answers;
        try {
            answers = DeviceCountersIT.concurrentWrongPins(java.util.List.of(deviceOnA, deviceOnB), id, login.code(), 20);
        } finally {
            DeviceCountersIT.restoreQuickLoginCheck(vigieA, quickCheck);
        }
        DeviceCountersIT.assertPinLimitHeld(vigieA, practitioner, deviceOnB, id, login.code(), answers);
    }

    @Test
    void aCibaLoginIsStartedDecidedAndPolledOnWhicheverNode() {
        CibaService onA = CibaService.enableDemo(nodeA, vigieA.admin());
        CibaService onB = onA.on(nodeB);
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);

        // Started on A, listed and approved on B, polled on A.
        String code = cibaCode();
        CibaService.Request first = onA.start(practitioner.rpps(), code);
        assertEquals("authorization_pending", first.poll(onB).error(), "node B knows node A's request");
        PendingChallenge listed = Vigie.onlyPending(deviceOnB);
        assertEquals("ciba", listed.purpose());
        assertEquals(CibaService.DEMO_CLIENT, listed.clientId());
        assertEquals("approved", deviceOnB.approveByCode(code, Vigie.PIN).outcome());
        assertTokensOf(practitioner, first.poll(onA));
        assertEquals("invalid_grant", first.poll(onB).error(), "auth_req_id used once, cluster-wide");
        assertTrue(deviceOnA.pending().challenges().isEmpty());

        // Started on B, approved on A, polled on A.
        String second = cibaCode();
        CibaService.Request fromB = onB.start(practitioner.nationalId(), second);
        assertEquals("invalid_binding_message", onA.backchannel(practitioner.rpps(), second, "openid").error(),
                "node A sees the code node B claimed");
        assertEquals(listedId(deviceOnA), listedId(deviceOnB));
        assertEquals("approved", deviceOnA.approveByCode(second, Vigie.PIN).outcome());
        assertTokensOf(practitioner, fromB.poll(onA));
    }

    @Test
    void aCibaLoginDeniedOnOneNodeOrExpiredIsEndedOnTheOther() {
        CibaService onA = CibaService.enableDemo(nodeA, vigieA.admin());
        CibaService onB = onA.on(nodeB);
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);

        CibaService.Request denied = onA.start(practitioner.rpps(), cibaCode());
        assertEquals("denied", deviceOnB.decide(Vigie.onlyPending(deviceOnB).id(), "deny", null, null).outcome());
        CibaService.Answer answer = denied.poll(onA);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("access_denied", answer.error(), answer.body());

        CibaService.Request silent = onB.start(practitioner.rpps(), cibaCode());
        assertEquals("authorization_pending", silent.poll(onA).error());
        try {
            vigieA.clock(121);
            vigieB.clock(121);
            CibaService.Answer expired = silent.poll(onA);
            assertEquals("expired_token", expired.error(), expired.body());
            assertTrue(deviceOnA.pending().challenges().isEmpty(), "an expired login is no longer listed");
        } finally {
            vigieA.clock(0);
            vigieB.clock(0);
        }
    }

    private static void assertTokensOf(Practitioner practitioner, CibaService.Answer tokens) {
        assertEquals(200, tokens.status(), tokens.body());
        JsonNode idToken = Login.verifiedClaims(nodeA, tokens.json().path("id_token").asText());
        assertEquals("eidas1", idToken.path("acr").asText(), idToken.toString());
        assertEquals(practitioner.userId(), idToken.path("sub").asText());
        assertEquals(practitioner.nationalId(), idToken.path("preferred_username").asText());
        assertEquals(nodeA.realmUrl(), idToken.path("iss").asText(), "one issuer for the whole cluster");
    }

    private static String listedId(DeviceClient device) {
        return Vigie.onlyPending(device).id();
    }

    private static String cibaCode() {
        String secret = String.format("%06d", new java.security.SecureRandom().nextInt(1_000_000));
        return secret + org.vigie.identifier.Luhn.checkDigit(secret);
    }

    @Test
    void aDelegationOpenedOnOneNodeIsEndedFromTheOther() {
        Practitioner practitioner = vigieA.newPractitioner();
        DeviceClient deviceOnA = vigieA.enrolledDevice(practitioner);
        org.vigie.it.support.Delegating delegatingA = new org.vigie.it.support.Delegating(vigieA);
        org.vigie.it.support.Delegating delegatingB = new org.vigie.it.support.Delegating(vigieB);
        org.vigie.it.support.Delegating.Assistant assistant = delegatingA.newAssistant(true);
        Login login = delegatingA.signIn(assistant, org.vigie.it.support.Delegating.SCOPE);
        org.vigie.it.support.Delegating.ask(login, practitioner.rpps(), 60);
        assertTrue(vigieB.sameDevice(deviceOnA).approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
        JsonNode tokens = login.exchangeCode(nodeA);
        String delegationId = Login.verifiedClaims(nodeA, tokens.get("access_token").asText()).get("vigie_delegation").get("id").asText();

        DeviceClient deviceOnB = vigieB.sameDevice(deviceOnA);
        assertEquals(1, delegatingB.delegations(deviceOnB).size());
        assertEquals(200, delegatingB.end(deviceOnB, delegationId).statusCode());
        var refreshed = delegatingA.refresh(tokens.get("refresh_token").asText());
        assertEquals(400, refreshed.statusCode(), "node A refuses a refresh of the delegation ended on node B: " + refreshed.body());
    }
}
