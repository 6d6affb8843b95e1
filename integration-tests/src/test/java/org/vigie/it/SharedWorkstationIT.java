package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.Browser;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.ServiceClient;
import org.vigie.it.support.ServiceSite;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.it.support.Workstation;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * Shared computers, over HTTP: single sign-on for services that send {@code acr_values=eidas1}
 * (as every PSC client does), what forces a new push, a second practitioner on a browser that
 * holds the first one's session, and logout (RP-initiated and back-channel).
 */
class SharedWorkstationIT {

    static KeycloakServer server;
    static Vigie vigie;
    static ServiceSite site;
    static ServiceClient agenda;
    static ServiceClient vaccins;

    @BeforeAll
    static void start() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        site = ServiceSite.start();
        agenda = ServiceClient.register(server, site, "Agenda du centre", true);
        vaccins = ServiceClient.register(server, site, "Vaccins", true);
        vigie.clock(0);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @AfterEach
    void resetClock() {
        vigie.clock(0);
        site.logoutTokens(agenda.clientId());
        site.logoutTokens(vaccins.clientId());
    }

    record Enrolled(Practitioner practitioner, DeviceClient device) {
    }

    private static Enrolled enrolled() {
        Practitioner practitioner = vigie.newPractitioner();
        return new Enrolled(practitioner, vigie.enrolledDevice(practitioner));
    }

    /** Types the identifier, approves on the device and returns the service's tokens. */
    private static JsonNode logIn(Workstation workstation, ServiceClient service, ServiceClient.Request request, Enrolled who) {
        workstation.typeIdentifier(who.practitioner().rpps());
        PendingChallenge pending = Vigie.onlyPending(who.device());
        DecisionResult approved = who.device().decide(pending.id(), "approve", workstation.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        workstation.submitWaitingForm();
        return workstation.tokens(service, request);
    }

    private static JsonNode idToken(JsonNode tokens) {
        return Login.verifiedClaims(server, tokens.get("id_token").asText());
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // ---------------------------------------------------------------------------------------------
    // Single sign-on with acr_values=eidas1

    @Test
    void anEidas1RequestAtASecondServiceIsAnsweredSilentlyFromTheApprovedSession() {
        Enrolled a = enrolled();
        Workstation workstation = new Workstation(site);
        ServiceClient.Request first = agenda.authorization(Map.of());
        workstation.open(first);
        JsonNode firstId = idToken(logIn(workstation, agenda, first, a));
        assertEquals("eidas1", firstId.get("acr").asText());

        vigie.clock(60);
        ServiceClient.Request silent = vaccins.authorization(params("prompt", "none"));
        workstation.open(silent);
        JsonNode id = idToken(workstation.tokens(vaccins, silent));
        assertEquals("eidas1", id.get("acr").asText());
        assertEquals(a.practitioner().userId(), id.get("sub").asText());
        assertEquals(a.practitioner().nationalId(), id.get("SubjectNameID").asText());
        assertEquals(firstId.get("auth_time").asLong(), id.get("auth_time").asLong(), "auth_time is the approval's");
        assertEquals(firstId.get("sid").asText(), id.get("sid").asText(), "one SSO session for both services");
        assertEquals(silent.nonce(), id.get("nonce").asText());
        assertTrue(a.device().pending().challenges().isEmpty(), "no second push");

        // Without prompt=none as well: no page, no push.
        ServiceClient.Request again = agenda.authorization(Map.of());
        workstation.open(again);
        assertEquals("eidas1", idToken(workstation.tokens(agenda, again)).get("acr").asText());
        assertTrue(a.device().pending().challenges().isEmpty());
    }

    @Test
    void promptLoginAndAnOldMaxAgeForceANewPushAndPromptNoneThenAnswersLoginRequired() throws Exception {
        Enrolled a = enrolled();
        Workstation workstation = new Workstation(site);
        ServiceClient.Request first = agenda.authorization(Map.of());
        workstation.open(first);
        long authTime = idToken(logIn(workstation, agenda, first, a)).get("auth_time").asLong();

        vigie.clock(300);
        // max_age larger than the session's age: silent.
        ServiceClient.Request young = vaccins.authorization(params("prompt", "none", "max_age", "3600"));
        workstation.open(young);
        assertEquals(authTime, idToken(workstation.tokens(vaccins, young)).get("auth_time").asLong());
        // max_age smaller than the session's age: prompt=none says login_required, never a page.
        ServiceClient.Request old = vaccins.authorization(params("prompt", "none", "max_age", "60"));
        workstation.open(old);
        assertEquals("login_required", workstation.callback(vaccins).get("error"));
        assertEquals(old.state(), workstation.callback(vaccins).get("state"));
        // ... and without prompt=none, a new push.
        ServiceClient.Request reauth = vaccins.authorization(params("max_age", "60"));
        workstation.open(reauth);
        assertNotNull(workstation.page().document().selectFirst("#vigie-identifier-form"), workstation.page().text());
        Thread.sleep(1100); // a device's decisions are spaced by one second
        JsonNode again = idToken(logIn(workstation, vaccins, reauth, a));
        assertTrue(again.get("auth_time").asLong() > authTime, "auth_time of the new approval");
        assertEquals("eidas1", again.get("acr").asText());

        // prompt=login: the identifier page again, whatever the session.
        ServiceClient.Request login = agenda.authorization(params("prompt", "login"));
        workstation.open(login);
        assertNotNull(workstation.page().document().selectFirst("#vigie-identifier-form"), workstation.page().text());
        assertTrue(a.device().pending().challenges().isEmpty(), "no push before the identifier is typed");
    }

    @Test
    void aLevelTheSessionNoLongerHoldsForcesANewPush() throws Exception {
        Map<String, String> previous = vigie.eidas1Config(Map.of("loa-max-age", "300"));
        try {
            Enrolled a = enrolled();
            Workstation workstation = new Workstation(site);
            ServiceClient.Request first = agenda.authorization(Map.of());
            workstation.open(first);
            logIn(workstation, agenda, first, a);

            vigie.clock(400); // the SSO session lives on (30 min idle), its eidas1 level is older than 300 s
            ServiceClient.Request eidas1 = vaccins.authorization(params("prompt", "none"));
            workstation.open(eidas1);
            assertEquals("login_required", workstation.callback(vaccins).get("error"));
            // A request without acr_values is still answered by the session.
            ServiceClient.Request any = vaccins.authorization(params("prompt", "none", "acr_values", ""));
            workstation.open(any);
            assertEquals(a.practitioner().userId(), idToken(workstation.tokens(vaccins, any)).get("sub").asText());
            // eidas1 without prompt=none: a new push.
            ServiceClient.Request push = vaccins.authorization(Map.of());
            workstation.open(push);
            assertNotNull(workstation.page().document().selectFirst("#vigie-identifier-form"), workstation.page().text());
            Thread.sleep(1100);
            assertEquals("eidas1", idToken(logIn(workstation, vaccins, push, a)).get("acr").asText());
        } finally {
            vigie.restoreEidas1Config(previous);
        }
    }

    @Test
    void noSessionNoToken() {
        Workstation workstation = new Workstation(site);
        ServiceClient.Request request = vaccins.authorization(params("prompt", "none"));
        workstation.open(request);
        assertEquals("login_required", workstation.callback(vaccins).get("error"));
    }

    // ---------------------------------------------------------------------------------------------
    // A second practitioner on the same browser

    @Test
    void aSecondPractitionerLogsInAsThemselvesAndTheFirstSessionEndsBothWaysRound() throws Exception {
        Enrolled a = enrolled();
        Enrolled b = enrolled();
        Workstation workstation = new Workstation(site);
        ServiceClient.Request first = agenda.authorization(Map.of());
        workstation.open(first);
        JsonNode aTokens = logIn(workstation, agenda, first, a);
        String aSid = idToken(aTokens).get("sid").asText();

        // B, at another service asking for a new login (with acr_values=eidas1).
        JsonNode bTokens = switchTo(workstation, vaccins, vaccins.authorization(params("prompt", "login")), b, a);
        JsonNode bId = idToken(bTokens);
        assertEquals(b.practitioner().userId(), bId.get("sub").asText());
        assertEquals(b.practitioner().nationalId(), bId.get("SubjectNameID").asText());
        assertEquals("eidas1", bId.get("acr").asText());
        // A's session is over, at every service that registered a back-channel logout.
        assertEquals(0, vigie.sessions(a.practitioner()).size(), vigie.sessions(a.practitioner()).toString());
        JsonNode logout = logoutToken(agenda, site.awaitLogoutToken(agenda.clientId(), Duration.ofSeconds(10)));
        assertEquals(a.practitioner().userId(), logout.get("sub").asText());
        assertEquals(aSid, logout.get("sid").asText());
        assertEquals(1, vigie.sessions(b.practitioner()).size());
        // B's session has the browser's session id, as A's had: A's tokens must not work in it,
        // even at a service B then signs in to.
        ServiceClient.Request bAtAgenda = agenda.authorization(params("prompt", "none"));
        workstation.open(bAtAgenda);
        assertEquals(b.practitioner().userId(), idToken(workstation.tokens(agenda, bAtAgenda)).get("sub").asText());
        agenda.refresh(aTokens.get("refresh_token").asText(), 400);
        assertEquals(401, Login.userInfoStatus(server, aTokens.get("access_token").asText()));
        JsonNode event = vigie.userEvents(a.practitioner());
        boolean logged = false;
        for (JsonNode e : event) {
            logged |= "LOGOUT".equals(e.path("type").asText())
                    && "practitioner_changed".equals(e.path("details").path("vigie_reason").asText())
                    && b.practitioner().userId().equals(e.path("details").path("vigie_next_user").asText());
        }
        assertTrue(logged, "a LOGOUT event says why A's session ended and who came next: " + event);

        // And back to A, at the first service, without acr_values this time.
        Thread.sleep(1100);
        ServiceClient.Request back = agenda.authorization(params("prompt", "login", "acr_values", ""));
        JsonNode aAgain = idToken(switchTo(workstation, agenda, back, a, b));
        assertEquals(a.practitioner().userId(), aAgain.get("sub").asText());
        assertEquals(0, vigie.sessions(b.practitioner()).size());
        assertEquals(b.practitioner().userId(),
                logoutToken(vaccins, site.awaitLogoutToken(vaccins.clientId(), Duration.ofSeconds(10))).get("sub").asText());
    }

    /**
     * {@code next} logs in on a browser holding {@code current}'s session: the identifier page
     * shows neither of them, the push goes to {@code next}'s device only, the waiting page names
     * {@code next}.
     */
    private static JsonNode switchTo(Workstation workstation, ServiceClient service, ServiceClient.Request request,
                                     Enrolled next, Enrolled current) {
        Browser.Page page = workstation.open(request);
        assertNotNull(page.document().selectFirst("#vigie-identifier-form"), page.text());
        assertFalse(page.body().contains(current.practitioner().rpps()), "the identifier page never shows the session's practitioner");
        assertNull(page.document().selectFirst("#kc-attempted-username"));
        assertEquals("", page.document().selectFirst("#identifier").attr("value"));
        assertNotNull(page.document().selectFirst("#vigie-session #vigie-change-practitioner"), "signed-in browser: change practitioner");
        assertNotNull(page.document().selectFirst("#vigie-session #vigie-logout"), "signed-in browser: sign out");

        workstation.typeIdentifier(next.practitioner().rpps());
        assertTrue(workstation.page().document().selectFirst("#vigie-identified-as").text().contains(next.practitioner().nationalId()));
        assertFalse(workstation.page().body().contains(current.practitioner().rpps()), "the waiting page names only who typed");
        assertTrue(current.device().pending().challenges().isEmpty(), "no push to the session's practitioner");
        PendingChallenge pending = Vigie.onlyPending(next.device());
        DecisionResult approved = next.device().decide(pending.id(), "approve", workstation.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        workstation.submitWaitingForm();
        return workstation.tokens(service, request);
    }

    @Test
    void aSecondPractitionerWhoseLoginFailsLeavesTheFirstSessionAlone() {
        Enrolled a = enrolled();
        Enrolled b = enrolled();
        Workstation workstation = new Workstation(site);
        ServiceClient.Request first = agenda.authorization(Map.of());
        workstation.open(first);
        JsonNode aTokens = logIn(workstation, agenda, first, a);

        workstation.open(vaccins.authorization(params("prompt", "login")));
        workstation.typeIdentifier(b.practitioner().rpps());
        assertEquals("denied", b.device().decide(Vigie.onlyPending(b.device()).id(), "deny", null, null).outcome());
        workstation.submitWaitingForm();
        assertEquals("denied", workstation.page().document().selectFirst("#vigie-result").attr("data-outcome"));
        assertEquals(1, vigie.sessions(a.practitioner()).size(), "a refused login never ends the session");
        agenda.refresh(aTokens.get("refresh_token").asText(), 200);
        assertTrue(site.logoutTokens(agenda.clientId()).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // Logout

    @Test
    void rpInitiatedLogoutEndsTheSessionAndOtherServicesGetASignedLogoutToken() {
        Enrolled a = enrolled();
        Workstation workstation = new Workstation(site);
        ServiceClient.Request first = agenda.authorization(Map.of());
        workstation.open(first);
        JsonNode agendaTokens = logIn(workstation, agenda, first, a);
        ServiceClient.Request second = vaccins.authorization(params("prompt", "none"));
        workstation.open(second);
        JsonNode vaccinsTokens = workstation.tokens(vaccins, second);
        String sid = idToken(vaccinsTokens).get("sid").asText();

        workstation.open(vaccins.endSessionUrl(vaccinsTokens.get("id_token").asText(), "bye-42"));
        assertTrue(workstation.page().url().startsWith(vaccins.postLogoutRedirectUri()), workstation.page().url());
        assertEquals("bye-42", workstation.page().query().get("state"));

        String raw = site.awaitLogoutToken(agenda.clientId(), Duration.ofSeconds(10));
        JsonNode claims = logoutToken(agenda, raw);
        assertEquals(a.practitioner().userId(), claims.get("sub").asText());
        assertEquals(sid, claims.get("sid").asText());

        assertEquals(0, vigie.sessions(a.practitioner()).size());
        agenda.refresh(agendaTokens.get("refresh_token").asText(), 400);
        ServiceClient.Request after = agenda.authorization(params("prompt", "none"));
        workstation.open(after);
        assertEquals("login_required", workstation.callback(agenda).get("error"));
    }

    /** Checks a logout token as a relying party must (OpenID Connect Back-Channel Logout 1.0, 2.6) and returns its claims. */
    static JsonNode logoutToken(ServiceClient service, String raw) {
        return logoutToken(service, raw, vigie, server);
    }

    static JsonNode logoutToken(ServiceClient service, String raw, Vigie vigie, KeycloakServer server) {
        JsonNode claims = Login.verifiedClaims(server, raw); // signature against the realm's JWKS
        try {
            assertEquals("logout+jwt", SignedJWT.parse(raw).getHeader().getType().toString());
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        assertEquals(server.realmUrl(), claims.get("iss").asText());
        JsonNode aud = claims.get("aud");
        assertTrue(aud.isArray() ? aud.toString().contains("\"" + service.clientId() + "\"") : service.clientId().equals(aud.asText()),
                "audience is the service: " + aud);
        assertTrue(claims.has("events") && claims.get("events").has("http://schemas.openid.net/event/backchannel-logout"), claims.toString());
        assertFalse(claims.has("nonce"), "a logout token never carries a nonce");
        assertNotNull(claims.get("jti"));
        assertTrue(claims.get("iat").asLong() > 0, "iat");
        assertNotEquals("", claims.path("sid").asText(""), "sid, since the service asks for it");
        return claims;
    }
}
