package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceClientHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/realms/test/vigie-device";

    private FakeDeviceApi api;
    private JWK key;

    @BeforeEach
    void start() throws Exception {
        api = new FakeDeviceApi();
        key = DeviceClient.generateKey(KeyType.P256);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void enrolmentPostsThePublicKeyOnlyAndBindsTheClient() throws Exception {
        api.answer("POST", "/enroll", 201,
                "{\"deviceId\":\"dev-1\",\"userId\":\"user-1\",\"nationalId\":\"810001045367\",\"keyThumbprint\":\"NzbL\"}");
        DeviceClient client = new DeviceClient(api.baseUrl(), key);

        EnrolmentResult result = client.enroll("10001045367", "K7QX-M2PA-9DZT", "4827", "Pixel 8 de Camille");

        FakeDeviceApi.Request request = api.last();
        assertEquals("POST", request.method());
        assertEquals(PATH + "/enroll", request.path());
        assertEquals("application/jose", request.header("Content-Type"));
        assertNull(request.header("Authorization"));
        // Proof of possession: a JWS signed by the new key, whose public half is in the header.
        com.nimbusds.jose.JWSObject jws = com.nimbusds.jose.JWSObject.parse(request.body());
        assertEquals("vigie-enrol+jwt", jws.getHeader().getType().getType());
        JWK sent = jws.getHeader().getJWK();
        assertFalse(sent.isPrivate());
        assertEquals(key.toPublicJWK(), sent);
        assertTrue(jws.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(sent.toECKey())));
        JsonNode body = JSON.readTree(jws.getPayload().toString());
        assertEquals("10001045367", body.get("identifier").asText());
        assertEquals("K7QX-M2PA-9DZT", body.get("activationCode").asText());
        assertFalse(body.has("pin"), "the PIN never leaves the phone");
        assertEquals(PinProof.of(client.pinKey(), "4827"), body.get("pinVerifier").asText());
        assertEquals("Pixel 8 de Camille", body.get("deviceName").asText());
        assertEquals(api.baseUrl(), body.get("aud").asText());
        assertTrue(body.get("jti").isTextual());
        assertTrue(body.get("iat").isNumber());

        assertTrue(result.ok());
        assertEquals("dev-1", result.deviceId());
        assertEquals("user-1", result.userId());
        assertEquals("810001045367", result.nationalId());
        assertEquals("NzbL", result.keyThumbprint());
        assertEquals("dev-1", client.deviceId());
        assertEquals("user-1", client.userId());
    }

    @Test
    void refusedEnrolmentIsReturnedAndLeavesTheClientUnbound() throws Exception {
        api.answer("POST", "/enroll", 401, "{\"error\":\"invalid_activation_code\",\"error_description\":\"Invalid code\"}");
        DeviceClient client = new DeviceClient(api.baseUrl(), key);

        EnrolmentResult result = client.enroll("10001045367", "WRONG", "4827", null);

        assertFalse(JSON.readTree(com.nimbusds.jose.JWSObject.parse(api.last().body()).getPayload().toString()).has("deviceName"));
        assertFalse(result.ok());
        assertEquals(401, result.status());
        assertEquals("invalid_activation_code", result.error());
        assertEquals("Invalid code", result.http().errorDescription());
        assertNull(client.deviceId());
    }

    @Test
    void pendingAuthenticatesWithADeviceJwtAndParsesChallenges() throws Exception {
        api.answer("GET", "/challenges", 200, """
                {"challenges":[{"id":"ch-1","clientId":"vigie-demo","clientName":"Service de démonstration Vigie",
                "createdAt":1763800000,"expiresAt":1763800120,"ipAddress":"203.0.113.7","userAgent":"Mozilla/5.0",
                "codeMode":"pick","codeChoices":["111111","493027","222222"]}]}""");
        DeviceClient client = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1");

        PendingResult result = client.pending();

        FakeDeviceApi.Request request = api.last();
        assertEquals("GET", request.method());
        assertEquals(PATH + "/challenges", request.path());
        assertEquals("", request.body());
        JWSObject jwt = Jose.verified(request.bearer(), key.toPublicJWK());
        assertEquals("dev-1", jwt.getHeader().getKeyID());
        assertEquals(api.baseUrl(), jwt.getPayload().toJSONObject().get("aud"));

        assertTrue(result.ok());
        assertEquals(1, result.challenges().size());
        PendingChallenge challenge = result.challenges().get(0);
        assertEquals("ch-1", challenge.id());
        assertEquals("vigie-demo", challenge.clientId());
        assertEquals("Service de démonstration Vigie", challenge.clientName());
        assertEquals(1763800000L, challenge.createdAt());
        assertEquals(1763800120L, challenge.expiresAt());
        assertEquals("203.0.113.7", challenge.ipAddress());
        assertEquals("Mozilla/5.0", challenge.userAgent());
        assertEquals("pick", challenge.codeMode());
        assertEquals(List.of("111111", "493027", "222222"), challenge.codeChoices());
    }

    @Test
    void refusedPendingHasNoChallenges() {
        api.answer("GET", "/challenges", 401, "{\"error\":\"invalid_token\"}");

        PendingResult result = new DeviceClient(api.baseUrl(), key, "revoked", "user-1").pending();

        assertFalse(result.ok());
        assertEquals("invalid_token", result.error());
        assertTrue(result.challenges().isEmpty());
    }

    @Test
    void decisionPostsASignedJwsWithABearerJwt() throws Exception {
        api.answer("POST", "/challenges/ch-1/decision", 200, "{\"status\":\"approved\"}");
        DeviceClient client = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1");

        DecisionResult result = client.decide("ch-1", "approve", "493027", "4827");

        FakeDeviceApi.Request request = api.last();
        assertEquals("POST", request.method());
        assertEquals(PATH + "/challenges/ch-1/decision", request.path());
        assertEquals("application/jose", request.header("Content-Type"));
        Map<String, Object> claims = Jose.verified(request.body(), key.toPublicJWK()).getPayload().toJSONObject();
        assertEquals("ch-1", claims.get("cid"));
        assertEquals("approve", claims.get("decision"));
        assertEquals("493027", claims.get("code"));
        assertFalse(claims.containsKey("pin"));
        assertEquals(PinProof.of(client.pinKey(), "4827"), claims.get("pinProof"));
        assertEquals("user-1", claims.get("sub"));
        Jose.verified(request.bearer(), key.toPublicJWK());

        assertTrue(result.ok());
        assertEquals("approved", result.outcome());
    }

    @Test
    void wrongPinIsReturnedWithTheRemainingAttempts() {
        api.answer("POST", "/challenges/ch-1/decision", 422,
                "{\"error\":\"wrong_pin\",\"error_description\":\"PIN incorrect\",\"remaining_attempts\":3}");

        DecisionResult result = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1").decide("ch-1", "approve", "493027", "0000");

        assertFalse(result.ok());
        assertEquals(422, result.status());
        assertEquals("wrong_pin", result.error());
        assertEquals(3, result.remainingAttempts());
        assertNull(result.outcome());
    }

    @Test
    void refusalWithoutJsonKeepsTheRawBody() {
        api.answer("POST", "/challenges/ch-1/decision", 413, "text/html", "<html>Request Entity Too Large</html>");

        DecisionResult result = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1").decide("ch-1", "deny", null, null);

        assertEquals(413, result.status());
        assertNull(result.error());
        assertTrue(result.http().json().isMissingNode());
        assertEquals("<html>Request Entity Too Large</html>", result.http().body());
    }

    @Test
    void lowLevelRequestsGoOutAsCrafted() {
        DeviceClient client = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1");

        HttpResult result = client.send("PUT", "/challenges", "text/plain", "x", null);

        assertEquals(404, result.status());
        assertEquals("not_scripted", result.error());
        FakeDeviceApi.Request request = api.last();
        assertEquals("PUT", request.method());
        assertEquals("text/plain", request.header("Content-Type"));
        assertEquals("x", request.body());
        assertNull(request.header("Authorization"));

        client.get("/challenges", "not-a-jwt");
        assertEquals("not-a-jwt", api.last().bearer());
    }

    @Test
    void unreachableServerThrows() {
        api.close();
        DeviceClient client = new DeviceClient(api.baseUrl(), key, "dev-1", "user-1");

        assertThrows(ServerUnreachableException.class, client::pending);
    }
}
