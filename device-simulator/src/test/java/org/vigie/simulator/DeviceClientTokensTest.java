package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceClientTokensTest {

    private static final String BASE_URL = "http://localhost:8080/realms/esante-wallet/vigie-device";

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void deviceJwtIsSignedByTheDeviceKeyForTheDeviceApi(KeyType type) throws Exception {
        JWK key = DeviceClient.generateKey(type);
        DeviceClient client = new DeviceClient(BASE_URL, key, "dev-1", "user-1");

        long before = Instant.now().getEpochSecond();
        JWSObject jwt = Jose.verified(client.deviceJwt(), key.toPublicJWK());

        assertEquals(type.algorithm(), jwt.getHeader().getAlgorithm());
        assertEquals("dev-1", jwt.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        assertEquals("user-1", claims.get("sub"));
        // A single string, exactly the base URL.
        assertEquals(BASE_URL, claims.get("aud"));
        long iat = ((Number) claims.get("iat")).longValue();
        assertTrue(iat >= before && iat <= Instant.now().getEpochSecond());
        assertEquals(iat + 60, ((Number) claims.get("exp")).longValue());
        assertFalse(((String) claims.get("jti")).isBlank());
    }

    @Test
    void reachingOneNodeDirectlyStillSignsForThePublicUrl() throws Exception {
        JWK key = DeviceClient.generateKey(KeyType.P256);
        DeviceClient client = new DeviceClient("http://10.0.0.2:8080/realms/esante-wallet/vigie-device/", key, "dev-1", "user-1")
                .audience(BASE_URL + "/");

        assertEquals("http://10.0.0.2:8080/realms/esante-wallet/vigie-device", client.baseUrl());
        assertEquals(BASE_URL, Jose.verified(client.deviceJwt(), key.toPublicJWK()).getPayload().toJSONObject().get("aud"));
        assertEquals(BASE_URL, Jose.verified(client.decisionJws(client.decisionClaims("c-1", "deny", null, null)),
                key.toPublicJWK()).getPayload().toJSONObject().get("aud"));
    }

    @Test
    void eachJwtHasItsOwnJti() throws Exception {
        DeviceClient client = new DeviceClient(BASE_URL, DeviceClient.generateKey(KeyType.P256), "dev-1", "user-1");

        assertNotEquals(JWSObject.parse(client.deviceJwt()).getPayload().toJSONObject().get("jti"),
                JWSObject.parse(client.deviceJwt()).getPayload().toJSONObject().get("jti"));
    }

    @Test
    void anotherKeyDoesNotVerify() {
        DeviceClient client = new DeviceClient(BASE_URL, DeviceClient.generateKey(KeyType.P256), "dev-1", "user-1");
        JWK otherKey = DeviceClient.generateKey(KeyType.P256).toPublicJWK();

        assertThrows(AssertionError.class, () -> Jose.verified(client.deviceJwt(), otherKey));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void approvalCarriesChallengeCodeAndPin(KeyType type) throws Exception {
        JWK key = DeviceClient.generateKey(type);
        DeviceClient client = new DeviceClient(BASE_URL, key, "dev-1", "user-1");

        JWSObject jws = Jose.verified(client.decisionJws(client.decisionClaims("ch-1", "approve", "493027", "4827")),
                key.toPublicJWK());

        assertEquals(type.algorithm(), jws.getHeader().getAlgorithm());
        assertEquals("dev-1", jws.getHeader().getKeyID());
        assertNull(jws.getHeader().getType());
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertEquals("user-1", claims.get("sub"));
        assertEquals(BASE_URL, claims.get("aud"));
        assertEquals("ch-1", claims.get("cid"));
        assertEquals("approve", claims.get("decision"));
        assertEquals("493027", claims.get("code"));
        assertFalse(claims.containsKey("pin"), "the PIN never leaves the phone");
        assertEquals(PinProof.of(client.pinKey(), "4827"), claims.get("pinProof"));
        assertTrue(Math.abs(((Number) claims.get("iat")).longValue() - Instant.now().getEpochSecond()) <= 1);
        assertFalse(((String) claims.get("jti")).isBlank());
    }

    @Test
    void refusalCarriesNeitherCodeNorPin() throws Exception {
        DeviceClient client = new DeviceClient(BASE_URL, DeviceClient.generateKey(KeyType.P256), "dev-1", "user-1");

        Map<String, Object> claims = JWSObject.parse(client.decisionJws(client.decisionClaims("ch-1", "fraud", null, null)))
                .getPayload().toJSONObject();

        assertEquals("fraud", claims.get("decision"));
        assertFalse(claims.containsKey("code"));
        assertFalse(claims.containsKey("pin"));
    }

    @Test
    void craftedClaimsAreSignedAsGiven() throws Exception {
        JWK key = DeviceClient.generateKey(KeyType.P256);
        DeviceClient client = new DeviceClient(BASE_URL, key, "dev-1", "user-1");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "someone-else");
        claims.put("iat", "yesterday");

        JWSObject jws = Jose.verified(client.decisionJws(claims), key.toPublicJWK());

        assertEquals(claims, jws.getPayload().toJSONObject());
    }

    @Test
    void baseUrlIsTheAudienceWithoutTrailingSlash() {
        assertEquals(BASE_URL, DeviceClient.deviceApiUrl("http://localhost:8080/", "esante-wallet"));
        assertEquals(BASE_URL, new DeviceClient(BASE_URL + "/", DeviceClient.generateKey(KeyType.P256)).baseUrl());
    }

    @Test
    void challengeIdStaysInOnePathSegment() {
        assertEquals("/challenges/b5c1/decision", DeviceClient.decisionPath("b5c1"));
        assertEquals("/challenges/..%2Fenroll%20x/decision", DeviceClient.decisionPath("../enroll x"));
    }

    @Test
    void refusesAKeyWithoutItsPrivatePart() {
        JWK publicKey = DeviceClient.generateKey(KeyType.P256).toPublicJWK();

        assertThrows(IllegalArgumentException.class, () -> new DeviceClient(BASE_URL, publicKey));
    }

    @Test
    void keyTypesByCliName() {
        assertEquals(KeyType.P256, KeyType.parse("p256"));
        assertEquals(KeyType.ED25519, KeyType.parse("Ed25519"));
        assertEquals("Unknown key type rsa: use p256 or ed25519",
                assertThrows(IllegalArgumentException.class, () -> KeyType.parse("rsa")).getMessage());
    }
}
