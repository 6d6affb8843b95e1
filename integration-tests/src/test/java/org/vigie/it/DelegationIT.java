package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.Browser;
import org.vigie.it.support.Delegating;
import org.vigie.it.support.Delegating.Assistant;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Mailbox;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.PendingChallenge;

/**
 * Delegation approved in person, over HTTP against the real server: an assistant signs in with
 * their own device, asks to type for a practitioner, the practitioner approves on their device
 * with the code shown on the assistant's screen; tokens, refusals, and every way it ends.
 */
class DelegationIT {

    static KeycloakServer server;
    static Vigie vigie;
    static Delegating delegating;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        delegating = new Delegating(vigie);
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    /** A delegation opened by the practitioner's approval: the relying party holds the tokens. */
    record Opened(Login login, JsonNode tokens, Practitioner practitioner, DeviceClient practitionerDevice, Assistant assistant) {
        String delegationId() {
            return Login.verifiedClaims(server, tokens.get("access_token").asText()).get("vigie_delegation").get("id").asText();
        }
    }

    private Opened open(int minutes) {
        Practitioner practitioner = vigie.newPractitioner();
        return open(minutes, practitioner, vigie.enrolledDevice(practitioner));
    }

    private Opened open(int minutes, Practitioner practitioner, DeviceClient device) {
        Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        Delegating.ask(login, practitioner.rpps(), minutes);
        DecisionResult approved = device.approveByCode(login.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().url() + "\n" + login.page().text());
        return new Opened(login, login.exchangeCode(), practitioner, device, assistant);
    }

    @Test
    void practitionerApprovesBesideTheAssistantAndTokensAreThePractitionersWithAct() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Assistant assistant = delegating.newAssistant(true);

        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        assertNotNull(login.page().document().selectFirst("#vigie-delegation-form"), login.page().text());
        assertEquals("Service de démonstration Vigie", login.page().document().selectFirst("#vigie-service-name").text());

        Browser.Page waiting = Delegating.ask(login, practitioner.rpps(), 60);
        assertEquals(200, waiting.status());
        assertTrue(waiting.text().contains(practitioner.nationalId()), waiting.text());
        String code = login.code();
        assertTrue(code.matches("\\d{7}"), code);

        // The practitioner's app says who asks, for which service and until when.
        PendingChallenge pending = Vigie.listed(device, login.challengeId());
        assertEquals("delegation", pending.json().get("purpose").asText());
        assertEquals("Sophie Durand", pending.json().get("delegation").get("requesterName").asText());
        long until = pending.json().get("delegation").get("until").asLong();
        assertEquals(vigie.serverNow() + 3600, until, 5.0);
        assertEquals("vigie-demo", pending.clientId());

        DecisionResult approved = device.decide(pending.id(), "approve", code, Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().url() + "\n" + login.page().text());

        JsonNode tokens = login.exchangeCode();
        for (String kind : new String[]{"id_token", "access_token"}) {
            JsonNode claims = Login.verifiedClaims(server, tokens.get(kind).asText());
            assertEquals(practitioner.userId(), claims.get("sub").asText(), kind);
            assertEquals(practitioner.nationalId(), claims.get("SubjectNameID").asText(), kind);
            assertEquals("eidas1", claims.get("acr").asText(), kind);
            assertTrue(claims.get("amr").toString().contains("\"delegation\""), claims.toString());
            assertTrue(claims.get("amr").toString().contains("\"pin\""), claims.toString());
            JsonNode act = claims.get("act");
            assertNotNull(act, claims.toString());
            assertEquals(assistant.userId(), act.get("sub").asText());
            assertEquals(assistant.identifier(), act.get("preferred_username").asText());
            assertEquals("Sophie Durand", act.get("name").asText());
            assertEquals(until, claims.get("vigie_delegation").get("until").asLong());
        }
        JsonNode userInfo = Login.userInfo(server, tokens.get("access_token").asText());
        assertEquals(assistant.userId(), userInfo.get("act").get("sub").asText());

        // Opened and used are events naming both people.
        JsonNode events = vigie.userEvents(practitioner);
        assertTrue(hasEvent(events, "IMPERSONATE", "delegation_opened", assistant), events.toString());
        assertTrue(hasEvent(events, "IMPERSONATE", "delegation_used", assistant), events.toString());

        // The app lists the open delegation.
        JsonNode listed = delegating.delegations(device);
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(assistant.userId(), listed.get(0).get("assistantId").asText());
        assertEquals(until, listed.get(0).get("until").asLong());
    }

    @Test
    void withoutTheScopeOrTheRoleNothingIsOfferedAndTokensCarryNoAct() {
        Assistant assistant = delegating.newAssistant(true);
        Login plain = delegating.signIn(assistant, "openid scope_all");
        assertTrue(plain.reachedRelyingParty(), plain.page().text());
        JsonNode claims = Login.verifiedClaims(server, plain.exchangeCode().get("access_token").asText());
        assertEquals(assistant.userId(), claims.get("sub").asText());
        assertFalse(claims.has("act"), claims.toString());
        assertFalse(claims.get("amr").toString().contains("delegation"), claims.toString());

        Assistant notAssistant = delegating.newAssistant(false);
        Login asked = delegating.signIn(notAssistant, Delegating.SCOPE);
        assertTrue(asked.reachedRelyingParty(), asked.page().text());
    }

    @Test
    void theAssistantMayGoOnInTheirOwnName() {
        Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        login.submit("#vigie-delegation-self-form", Map.of("self", "1"));
        assertTrue(login.reachedRelyingParty(), login.page().text());
        JsonNode claims = Login.verifiedClaims(server, login.exchangeCode().get("access_token").asText());
        assertEquals(assistant.userId(), claims.get("sub").asText());
        assertFalse(claims.has("act"));
    }

    @Test
    void badRequestsGetTheOfferPageAgainWithAMessage() {
        Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        Browser.Page self = Delegating.ask(login, assistant.identifier(), 60);
        assertEquals(200, self.status());
        assertNotNull(self.document().selectFirst("#input-error-practitioner"), self.text());
        assertTrue(self.text().contains("propre nom"), self.text());

        Browser.Page malformed = Delegating.ask(login, "10001045368", 60);
        assertEquals(200, malformed.status());
        assertNotNull(malformed.document().selectFirst("#input-error-practitioner"), malformed.text());

        Browser.Page tooLong = Delegating.ask(login, "10001045367", 13 * 60);
        assertEquals(200, tooLong.status());
        assertNotNull(tooLong.document().selectFirst("#input-error-practitioner"), tooLong.text());
    }

    @Test
    void unknownDisabledAndSilentPractitionersLookTheSame() {
        Practitioner silent = vigie.newPractitioner();
        vigie.enrolledDevice(silent);
        Practitioner disabled = vigie.newPractitioner();
        DeviceClient disabledDevice = vigie.enrolledDevice(disabled);
        assertEquals(204, vigie.admin().send("PUT", "/users/" + disabled.userId(), Map.of("enabled", false)).statusCode());
        String unknown = "19999999" + "99";
        unknown = unknown + org.vigie.identifier.Luhn.checkDigit(unknown);

        String[] texts = new String[3];
        String[] identifiers = {silent.rpps(), disabled.rpps(), unknown};
        for (int i = 0; i < identifiers.length; i++) {
            vigie.clock(0);
            Assistant assistant = delegating.newAssistant(true);
            Login login = delegating.signIn(assistant, Delegating.SCOPE);
            Browser.Page waiting = Delegating.ask(login, identifiers[i], 60);
            assertNotNull(waiting.document().selectFirst("#vigie-waiting"), waiting.text());
            texts[i] = waiting.document().selectFirst("#vigie-instruction").text();
            if (i == 1) {
                // A disabled practitioner's device can neither list nor approve.
                assertEquals(401, disabledDevice.approveByCode(login.code(), Vigie.PIN).status());
            }
            vigie.clock(200);
            Browser.Page expired = login.submitWaitingForm();
            assertEquals(200, expired.status());
            assertEquals("expired", expired.document().selectFirst("#vigie-result").attr("data-outcome"), expired.text());
            // From there the assistant can ask again or go on in their own name.
            login.submit("#vigie-result-form", Map.of("self", "1"));
            assertTrue(login.reachedRelyingParty(), login.page().text());
        }
        assertEquals(texts[0], texts[1]);
        assertEquals(texts[0], texts[2]);
    }

    @Test
    void refusalsOnThePractitionersDeviceGetTheirPage() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);

        Delegating.ask(login, practitioner.rpps(), 60);
        assertTrue(device.decide(login.challengeId(), "deny", null, null).ok());
        Browser.Page denied = login.submitWaitingForm();
        assertEquals("denied", denied.document().selectFirst("#vigie-result").attr("data-outcome"), denied.text());

        login.submit("#vigie-result-form", Map.of("back", "1"));
        Delegating.ask(login, practitioner.rpps(), 60);
        String wrong = login.code().equals("000000") ? "111111" : "000000";
        assertEquals(422, device.decide(login.challengeId(), "approve", wrong, Vigie.PIN).status());
        Browser.Page wrongCode = login.submitWaitingForm();
        assertEquals("wrongCode", wrongCode.document().selectFirst("#vigie-result").attr("data-outcome"), wrongCode.text());
    }

    @Test
    void offHoursTheRequestIsRefusedBeforeAnyPush() {
        Practitioner dayOnly = vigie.newPractitioner(java.util.List.of());
        DeviceClient device = vigie.enrolledDevice(dayOnly);
        vigie.clockAt(vigie.tuesdayAt(22, 30));
        Assistant assistant = delegating.newAssistant(true);
        Login login = delegating.signIn(assistant, Delegating.SCOPE);
        Browser.Page refused = Delegating.ask(login, dayOnly.rpps(), 60);
        assertEquals("offHours", refused.document().selectFirst("#vigie-result").attr("data-outcome"), refused.text());
        assertTrue(device.pending().challenges().isEmpty());
    }

    @Test
    void thePractitionerEndsItFromTheAppAndTheNextRefreshFails() {
        Opened opened = open(60);
        String refreshToken = opened.tokens().get("refresh_token").asText();
        HttpResponse<String> refreshed = delegating.refresh(refreshToken);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonNode events = vigie.userEvents(opened.practitioner());
        assertTrue(hasEvent(events, "IMPERSONATE", "delegation_used", opened.assistant()), events.toString());

        assertEquals(404, delegating.end(opened.practitionerDevice(), "no-such-delegation").statusCode());
        // The assistant's own device cannot end the practitioner's delegation.
        assertEquals(404, delegating.end(opened.assistant().device(), opened.delegationId()).statusCode());
        HttpResponse<String> ended = delegating.end(opened.practitionerDevice(), opened.delegationId());
        assertEquals(200, ended.statusCode(), ended.body());
        assertEquals(0, delegating.delegations(opened.practitionerDevice()).size());
        HttpResponse<String> after = delegating.refresh(AdminApi.parse(refreshed.body()).get("refresh_token").asText());
        assertEquals(400, after.statusCode(), after.body());
        assertEquals("invalid_grant", AdminApi.parse(after.body()).get("error").asText());
        assertTrue(hasEndEvent(vigie.userEvents(opened.practitioner()), "practitioner"));
        assertEquals(401, delegating.send("GET", "/delegations", null).statusCode());
    }

    @Test
    void onceEndedTheAssistantsAccessTokenIsRefusedByUserInfoAndIntrospection() {
        try (Delegating.ResourceServer api = delegating.resourceServer()) {
            Opened opened = open(60);
            String accessToken = opened.tokens().get("access_token").asText();
            assertEquals(opened.assistant().userId(), Login.userInfo(server, accessToken).get("act").get("sub").asText());
            JsonNode active = api.introspect(accessToken);
            assertTrue(active.path("active").asBoolean(), active.toString());
            assertEquals(opened.assistant().userId(), active.path("act").path("sub").asText(), active.toString());

            assertEquals(200, delegating.end(opened.practitionerDevice(), opened.delegationId()).statusCode());

            // The access token has not expired (2 minutes), but its session is gone.
            assertEquals(401, Login.userInfoStatus(server, accessToken));
            JsonNode inactive = api.introspect(accessToken);
            assertFalse(inactive.path("active").asBoolean(), inactive.toString());
            assertFalse(inactive.has("act"), inactive.toString());
            assertEquals(400, delegating.refresh(opened.tokens().get("refresh_token").asText()).statusCode());
        }
    }

    @Test
    void noAccessTokenOutlivesTheDelegationsEndTime() {
        Map<String, String> previous = stepConfig(Map.of("maxDurationMinutes", "15", "defaultDurationMinutes", "15"));
        try (Delegating.ResourceServer api = delegating.resourceServer()) {
            Opened opened = open(15);
            long until = Login.verifiedClaims(server, opened.tokens().get("access_token").asText()).get("vigie_delegation")
                    .get("until").asLong();

            // A refresh a minute before the end: its tokens expire at the end, not 2 minutes later.
            vigie.clock(14 * 60);
            HttpResponse<String> refreshed = delegating.refresh(opened.tokens().get("refresh_token").asText());
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            JsonNode tokens = AdminApi.parse(refreshed.body());
            String accessToken = tokens.get("access_token").asText();
            assertEquals(until, Login.verifiedClaims(server, accessToken).get("exp").asLong());
            assertEquals(until, Login.verifiedClaims(server, tokens.get("id_token").asText()).get("exp").asLong(),
                    "a service's own session, bound to the ID token, refreshes at the end");
            assertTrue(tokens.get("expires_in").asLong() <= until - vigie.serverNow() + 1, tokens.toString());
            assertEquals(200, Login.userInfoStatus(server, accessToken), "good until the end");
            assertTrue(api.introspect(accessToken).path("active").asBoolean());

            vigie.clock(15 * 60 + 5);
            assertEquals(401, Login.userInfoStatus(server, accessToken), "UserInfo refuses it after the end");
            JsonNode introspected = api.introspect(accessToken);
            assertFalse(introspected.path("active").asBoolean(), introspected.toString());
            HttpResponse<String> after = delegating.refresh(tokens.get("refresh_token").asText());
            assertEquals(400, after.statusCode(), after.body());
            assertTrue(after.body().contains("the delegation has ended"), after.body());
        } finally {
            stepConfig(previous);
        }
    }

    @Test
    void theAssistantEndsItFromTheVigiePage() {
        Opened opened = open(60);
        Browser.Page page = opened.login().open(server.realmUrl() + "/vigie-delegation/session");
        assertEquals(200, page.status());
        assertEquals("open", page.document().selectFirst("#vigie-delegation-session").attr("data-state"), page.text());
        assertTrue(page.text().contains("Sophie Durand"), page.text());
        // Without the page's secret, nothing ends.
        Browser.Page forged = opened.login().submit("#vigie-delegation-end-form", Map.of("endToken", "forged"));
        assertEquals("open", forged.document().selectFirst("#vigie-delegation-session").attr("data-state"));
        assertEquals(200, delegating.refresh(opened.tokens().get("refresh_token").asText()).statusCode());

        Browser.Page again = opened.login().open(server.realmUrl() + "/vigie-delegation/session");
        String token = again.document().selectFirst("input[name=endToken]").val();
        Browser.Page ended = opened.login().submit("#vigie-delegation-end-form", Map.of("endToken", token));
        assertEquals("ended", ended.document().selectFirst("#vigie-delegation-session").attr("data-state"), ended.text());
        assertEquals(400, delegating.refresh(opened.tokens().get("refresh_token").asText()).statusCode());
        assertTrue(hasEndEvent(vigie.userEvents(opened.practitioner()), "assistant"));
        // A browser holding no delegation gets a page saying so.
        Browser.Page none = new Browser("http://127.0.0.1:8765/callback").get(server.realmUrl() + "/vigie-delegation/session");
        assertEquals("none", none.document().selectFirst("#vigie-delegation-session").attr("data-state"));
    }

    @Test
    void anOperatorEndsItOverAdminRest() {
        Opened opened = open(60);
        JsonNode listed = vigie.admin().get("/vigie-delegations/users/" + opened.practitioner().userId()).get("delegations");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(opened.delegationId(), listed.get(0).get("id").asText());
        assertEquals(404, vigie.admin().send("DELETE", "/vigie-delegations/users/" + opened.practitioner().userId() + "/nope", null)
                .statusCode());
        assertEquals(204, vigie.admin().send("DELETE", "/vigie-delegations/users/" + opened.practitioner().userId() + "/"
                + opened.delegationId(), null).statusCode());
        assertEquals(400, delegating.refresh(opened.tokens().get("refresh_token").asText()).statusCode());
        assertTrue(hasEndEvent(vigie.userEvents(opened.practitioner()), "operator"));
    }

    @Test
    void atItsEndTimeTheDelegationEnds() {
        Map<String, String> previous = stepConfig(Map.of("maxDurationMinutes", "15", "defaultDurationMinutes", "15"));
        try {
            Opened opened = open(15);
            vigie.clock(10 * 60);
            HttpResponse<String> within = delegating.refresh(opened.tokens().get("refresh_token").asText());
            assertEquals(200, within.statusCode(), within.body());
            vigie.clock(16 * 60);
            HttpResponse<String> after = delegating.refresh(AdminApi.parse(within.body()).get("refresh_token").asText());
            assertEquals(400, after.statusCode(), after.body());
            assertTrue(after.body().contains("the delegation has ended"), after.body());
            assertTrue(hasEndEvent(vigie.userEvents(opened.practitioner()), "expiry"));
            assertEquals(0, delegating.delegations(opened.practitionerDevice()).size());
        } finally {
            stepConfig(previous);
        }
    }

    @Test
    void thePractitionerIsMailedAtTheFirstDelegationOfTheDay() {
        try (Mailbox mailbox = Mailbox.open(vigie.admin())) {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            open(60, practitioner, device);
            var mails = delegationMails(mailbox, practitioner, 1);
            assertEquals(1, mails.size());
            assertTrue(mails.get(0).subject().contains("délégation"), mails.get(0).subject());
            assertTrue(mails.get(0).body().contains("Sophie Durand"), mails.get(0).body());
            // The mail goes out during the approval: a second one the same day would be there already.
            open(60, practitioner, device);
            assertEquals(1, delegationMails(mailbox, practitioner, 1).size());
            vigie.clock(24 * 3600);
            open(60, practitioner, device);
            assertEquals(2, delegationMails(mailbox, practitioner, 2).size());
        }
    }

    /** The delegation mails among the practitioner's (enrolment sends its own). */
    private static java.util.List<Mailbox.Mail> delegationMails(Mailbox mailbox, Practitioner practitioner, int atLeast) {
        java.util.List<Mailbox.Mail> found = new java.util.ArrayList<>();
        // Enrolment sent one mail before: wait for it plus the delegation mails expected.
        for (Mailbox.Mail mail : mailbox.to(practitioner.email(), atLeast + 1)) {
            if (mail.subject().contains("délégation")) {
                found.add(mail);
            }
        }
        return found;
    }

    @Test
    void anotherServiceGetsNoTokensFromTheDelegatedSession() {
        String other = "vigie-other-" + System.nanoTime();
        var created = vigie.admin().send("POST", "/clients", Map.of("clientId", other, "publicClient", true,
                "standardFlowEnabled", true, "redirectUris", java.util.List.of(org.vigie.it.support.OidcClient.REDIRECT_URI),
                "attributes", Map.of("pkce.code.challenge.method", "S256"), "defaultClientScopes", java.util.List.of("basic", "acr")));
        assertEquals(201, created.statusCode(), created.body());
        Opened opened = open(60);
        org.vigie.it.support.OidcClient client = new org.vigie.it.support.OidcClient(server.realmUrl());
        Browser.Page sso = opened.login().open(
                client.authorizationUrl(Map.of("client_id", other, "scope", "openid", "acr_values", "")).replace("&acr_values=&", "&"));
        String code = sso.query().get("code");
        assertNotNull(code, sso.url() + "\n" + sso.text());
        HttpResponse<String> exchanged = delegating.exchange(other, code, client.codeVerifier());
        assertEquals(400, exchanged.statusCode(), exchanged.body());
        assertTrue(exchanged.body().contains("another service"), exchanged.body());
        // The delegation itself goes on for its own service.
        assertEquals(200, delegating.refresh(opened.tokens().get("refresh_token").asText()).statusCode());
    }

    private static Map<String, String> stepConfig(Map<String, String> changes) {
        JsonNode executions = vigie.admin().get("/authentication/flows/vigie-browser/executions");
        for (JsonNode execution : executions) {
            if ("vigie-delegation".equals(execution.path("providerId").asText())) {
                String configId = execution.path("authenticationConfig").asText();
                JsonNode config = vigie.admin().get("/authentication/config/" + configId);
                @SuppressWarnings("unchecked")
                Map<String, String> previous = new java.util.HashMap<>(
                        new com.fasterxml.jackson.databind.ObjectMapper().convertValue(config.get("config"), Map.class));
                Map<String, String> next = new java.util.HashMap<>(previous);
                next.putAll(changes);
                var updated = vigie.admin().send("PUT", "/authentication/config/" + configId,
                        Map.of("id", configId, "alias", config.get("alias").asText(), "config", next));
                assertEquals(204, updated.statusCode(), updated.body());
                return previous;
            }
        }
        throw new AssertionError("no vigie-delegation step");
    }

    private static boolean hasEvent(JsonNode events, String type, String reason, Assistant assistant) {
        for (JsonNode event : events) {
            if (type.equals(event.path("type").asText()) && reason.equals(event.path("details").path("vigie_reason").asText())
                    && assistant.userId().equals(event.path("details").path("vigie_assistant").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEndEvent(JsonNode events, String endedBy) {
        for (JsonNode event : events) {
            if ("LOGOUT".equals(event.path("type").asText()) && "delegation_ended".equals(event.path("details").path("vigie_reason").asText())
                    && endedBy.equals(event.path("details").path("vigie_ended_by").asText())) {
                return true;
            }
        }
        return false;
    }
}
