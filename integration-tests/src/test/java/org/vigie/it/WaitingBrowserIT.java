package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;

/**
 * The waiting page's long poll: the status endpoint, asked to wait, answers as soon as the phone
 * decides. A long poll that times out answers "pending" (or "expired"), never "decided": so a
 * "decided" answer to a wait started before the decision proves the wake-up.
 */
class WaitingBrowserIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
    }

    @BeforeEach
    @AfterEach
    void daytime() {
        vigie.clock(0);
    }

    @Test
    void aWaitingBrowserIsToldOfTheApprovalAtOnce() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> Login.longPoll(login.statusUrl(), 25));
        Thread.sleep(1500); // the wait has begun: the decision comes after it
        assertTrue(phone.approveByCode(login.code(), Vigie.PIN).ok());
        HttpResponse<String> answer = waiting.get(60, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("decided", AdminApi.parse(answer.body()).path("status").asText(), answer.body());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }

    @Test
    void aDenialAndAQuitFromAnotherTabWakeTheWaitToo() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> Login.longPoll(login.statusUrl(), 25));
        Thread.sleep(1500);
        assertEquals("denied", phone.decide(login.challengeId(), "deny", null, null).outcome());
        assertEquals("decided", AdminApi.parse(waiting.get(60, TimeUnit.SECONDS).body()).path("status").asText());
    }

    @Test
    void aWaitWithoutDecisionEndsPendingAndTheChallengeStaysOpen() {
        Practitioner practitioner = vigie.newPractitioner();
        vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        HttpResponse<String> answer = Login.longPoll(login.statusUrl(), 2);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("pending", AdminApi.parse(answer.body()).path("status").asText(), answer.body());
        assertEquals("pending", login.status().path("status").asText());
    }

    @Test
    void aDecidedChallengeAnswersAtOnceAndABadWaitIsAClearError() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(phone.approveByCode(login.code(), Vigie.PIN).ok());
        assertEquals("decided", AdminApi.parse(Login.longPoll(login.statusUrl(), 25).body()).path("status").asText());

        HttpResponse<String> bad = Login.longPoll(login.statusUrl().replace("token=", "token=x"), 5);
        assertEquals(404, bad.statusCode(), bad.body());
        assertEquals("challenge_not_found", AdminApi.parse(bad.body()).path("error").asText());
        HttpResponse<String> notANumber = get(login.statusUrl() + "&wait=soon");
        assertEquals(400, notANumber.statusCode(), notANumber.body());
        assertEquals("invalid_request", AdminApi.parse(notANumber.body()).path("error").asText());
    }

    private static HttpResponse<String> get(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
