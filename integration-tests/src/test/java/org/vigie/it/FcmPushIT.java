package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.FcmEndpoint;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.PushClient;

/**
 * Firebase Cloud Messaging HTTP v1 against an FCM-shaped endpoint on the loopback address: the
 * service account's assertion is checked at its token endpoint, the message at messages:send.
 */
class FcmPushIT {

    static KeycloakServer server;
    static Vigie vigie;
    static FcmEndpoint fcm;
    static Map<String, String> previous;

    @BeforeAll
    static void fcm() throws Exception {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        vigie.clock(0);
        fcm = new FcmEndpoint();
        previous = vigie.approvalConfig(Map.of(
                "pushProvider", "fcm",
                "pushFcmServiceAccount", fcm.serviceAccountJson(),
                "pushFcmSendUrl", fcm.sendUrl()));
    }

    @AfterAll
    static void restore() {
        vigie.restoreApprovalConfig(previous);
        fcm.close();
    }

    @Test
    void aLoginSendsADataMessageNamingOnlyTheChallengeWithAValidServiceAccountAssertion() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        assertEquals("fcm", push.settings().json().path("provider").asText());
        assertTrue(push.settings().json().path("vapidPublicKey").isMissingNode(), "no VAPID key for FCM");
        HttpResult refused = push.registerWebPush("https://push.example.org/x",
                "BOr0sBhQ3B2T7m1oGxsDcoEBe5pQq8GdqVbMqvFNJnV9ZpL5VKcWDgWwjBB2dcWn2OLUKQ8O7rEdD4O4u5Rbnf8", "AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(400, refused.status(), "this realm pushes with FCM: " + refused);
        String token = "fcm-token:" + practitioner.rpps();
        assertTrue(push.registerFcm(token).ok());

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        FcmEndpoint.Message message = fcm.next(WebPushIT.PATIENCE).orElseThrow(() -> new AssertionError("no FCM message"));
        assertTrue(message.problems().isEmpty(), message.problems().toString());
        assertTrue(fcm.tokenProblems().isEmpty(), fcm.tokenProblems().toString());
        assertEquals(token, message.token());
        assertEquals(Map.of("type", "vigie.challenge", "challenge", login.challengeId()),
                Map.of("type", message.data().path("type").asText(), "challenge", message.data().path("challenge").asText()));
        assertEquals(2, message.data().size(), "an opaque reference only: " + message.data());
        assertEquals("HIGH", message.message().path("android").path("priority").asText());
        assertTrue(!message.message().has("notification"), "a data message: nothing shown on the lock screen by the OS");

        assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }

    @Test
    void anUnregisteredTokenIsClearedAndTheFailureIsAnEvent() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        String token = "uninstalled-app-token:" + practitioner.rpps();
        assertTrue(push.registerFcm(token).ok());
        fcm.unregistered(token);

        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals(token, fcm.next(WebPushIT.PATIENCE).orElseThrow().token());
        JsonNode gone = WebPushIT.eventually(() -> WebPushIT.event(practitioner, "UPDATE_CREDENTIAL", "push_endpoint_gone"));
        assertEquals("fcm", gone.path("details").path("vigie_push_provider").asText());
        assertEquals("UNREGISTERED", gone.path("details").path("vigie_push_error").asText());
        assertTrue(push.settings().json().path("registered").isMissingNode(), "the token was cleared");

        assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }
}
