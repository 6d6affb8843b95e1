package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Mailbox;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyProofs;
import org.vigie.simulator.KeyType;

/** A device replaces its key with a request signed by the old and the new key (device API section 6). */
class KeyRotationIT {

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
    void theOldKeyStopsAtOnceAndEverythingElseIsKept() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login first = new Login(server).typeIdentifier(practitioner.rpps());
        assertTrue(device.approveByCode(first.code(), Vigie.PIN).ok(), "used once, so it has a last use");
        JsonNode before = deviceCredential(practitioner);
        DeviceClient oldKey = vigie.sameDevice(device);

        JWK newKey = DeviceClient.generateKey(KeyType.ED25519);
        HttpResult rotated = device.rotateKey(newKey, Vigie.PIN);
        assertEquals(200, rotated.status(), rotated.toString());
        assertEquals(device.deviceId(), rotated.json().path("deviceId").asText());
        assertEquals(newKey.toPublicJWK().computeThumbprint().toString(), thumbprint(rotated));

        JsonNode after = deviceCredential(practitioner);
        assertEquals(before.path("id").asText(), after.path("id").asText());
        assertEquals(before.path("userLabel").asText(), after.path("userLabel").asText());
        assertEquals(before.path("createdDate").asLong(), after.path("createdDate").asLong());
        ObjectNode dataBefore = (ObjectNode) AdminApi.parse(before.path("credentialData").asText());
        ObjectNode dataAfter = (ObjectNode) AdminApi.parse(after.path("credentialData").asText());
        assertTrue(dataBefore.path("lastUsedAt").asLong() > 0, dataBefore.toString());
        assertEquals("EdDSA", dataAfter.path("algorithm").asText());
        for (String keyField : List.of("jwk", "algorithm", "thumbprint")) {
            assertNotEquals(dataBefore.get(keyField), dataAfter.get(keyField), keyField);
            dataBefore.remove(keyField);
            dataAfter.remove(keyField);
        }
        // The rotation's right PIN is a use of the device, like an approval's.
        assertTrue(dataAfter.path("lastUsedAt").asLong() >= dataBefore.path("lastUsedAt").asLong(), dataAfter.toString());
        for (String pinUse : List.of("lastUsedAt", "lastPinAttemptAt")) {
            dataBefore.remove(pinUse);
            dataAfter.remove(pinUse);
        }
        assertEquals(dataBefore, dataAfter, "name, enrolment time, PIN, push settings: all but the key kept");

        // The old key: refused everywhere, at once.
        assertEquals("invalid_token", oldKey.pending().http().error());
        Login second = new Login(server).typeIdentifier(practitioner.rpps());
        HttpResult stale = oldKey.approveByCode(second.code(), Vigie.PIN).http();
        assertEquals(401, stale.status(), stale.toString());
        assertEquals(401, oldKey.rotateKey(DeviceClient.generateKey(KeyType.P256), Vigie.PIN).status());
        // The new key: the same device, the same PIN.
        assertTrue(device.approveByCode(second.code(), Vigie.PIN).ok());
        assertEquals(1, deviceCount(practitioner));
    }

    @Test
    void bothKeysMustSignAndNameTheSameRequest() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        JWK newKey = DeviceClient.generateKey(KeyType.P256);

        // Only the new key signed (the outer request too): whoever holds a new key is not the device.
        DeviceClient impostor = new DeviceClient(device.baseUrl(), newKey, device.deviceId(), device.userId());
        assertRefused(impostor.rotateKey(DeviceClient.generateKey(KeyType.P256), Vigie.PIN), 401, "invalid_token");
        // No proof by the new key.
        assertRefused(device.send("POST", "/key", DeviceClient.JOSE_TYPE, device.decisionJws(device.rotationClaims(Vigie.PIN)), null),
                400, "invalid_request");
        // The new key's proof made for another request (another jti).
        Map<String, Object> claims = device.rotationClaims(Vigie.PIN);
        Map<String, Object> other = device.rotationClaims(Vigie.PIN);
        claims.put("newKeyProof", extractProof(device, newKey, other));
        assertRefused(post(device, device.decisionJws(claims)), 401, "invalid_proof");
        // The new key's proof naming another device.
        Map<String, Object> proof = new java.util.LinkedHashMap<>(Map.of("sub", device.userId(), "did", "another-device",
                "aud", device.audience(), "iat", vigie.serverNow(), "jti", "j-1"));
        Map<String, Object> named = device.rotationClaims(Vigie.PIN);
        named.put("jti", "j-1");
        named.put("newKeyProof", KeyProofs.prove(newKey, KeyProofs.NEW_KEY, proof));
        assertRefused(post(device, device.decisionJws(named)), 401, "invalid_proof");
        // An enrolment proof is no rotation proof.
        Map<String, Object> enrolment = device.rotationClaims(Vigie.PIN);
        enrolment.put("newKeyProof", KeyProofs.prove(newKey, KeyProofs.ENROLMENT, Map.of("aud", device.audience(),
                "iat", vigie.serverNow(), "jti", enrolment.get("jti"), "did", device.deviceId(), "sub", device.userId())));
        assertRefused(post(device, device.decisionJws(enrolment)), 401, "invalid_proof");
        // The same key again.
        assertRefused(device.send("POST", "/key", DeviceClient.JOSE_TYPE, device.rotationJws(device.key(), device.rotationClaims(Vigie.PIN)), null),
                400, "invalid_key");
        // Not a JWS body type.
        assertEquals(415, device.send("POST", "/key", DeviceClient.JSON_TYPE, "{}", null).status());

        assertTrue(device.pending().ok(), "nothing changed: the old key still works");
    }

    @Test
    void twoRotationsAtOnceOneWinsAndTheDeviceHoldsOneKey() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        for (int round = 0; round < 4; round++) {
            DeviceClient a = vigie.sameDevice(device);
            DeviceClient b = vigie.sameDevice(device);
            JWK keyA = DeviceClient.generateKey(KeyType.P256);
            JWK keyB = DeviceClient.generateKey(KeyType.ED25519);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<HttpResult> ra = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> a.rotateKey(keyA, Vigie.PIN)));
            CompletableFuture<HttpResult> rb = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> b.rotateKey(keyB, Vigie.PIN)));
            HttpResult resultA = ra.get();
            HttpResult resultB = rb.get();
            List<Integer> statuses = new ArrayList<>(List.of(resultA.status(), resultB.status()));
            statuses.sort(null);
            assertEquals(List.of(200, 401), statuses, resultA + " / " + resultB);
            DeviceClient winner = resultA.status() == 200 ? a : b;
            DeviceClient loser = winner == a ? b : a;
            HttpResult lost = winner == a ? resultB : resultA;
            assertEquals("invalid_token", lost.error(), lost.toString());
            assertEquals(thumbprint(winner == a ? resultA : resultB),
                    AdminApi.parse(deviceCredential(practitioner).path("credentialData").asText()).path("thumbprint").asText());
            assertTrue(winner.pending().ok(), "the winner's key works");
            assertEquals("invalid_token", loser.pending().http().error(), "the loser kept the old key, which no longer works");
            assertEquals("invalid_token", device.pending().http().error(), "the old key no longer works");
            assertEquals(1, deviceCount(practitioner));
            device = winner;
        }
    }

    @Test
    void aCopiedKeyWithoutThePinCannotRotateAndItsGuessesCount() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        JWK thiefKey = DeviceClient.generateKey(KeyType.P256);

        // No PIN at all: malformed, nothing counted.
        assertRefused(device.rotateKey(thiefKey, null), 400, "invalid_request");
        assertEquals(0, storedDevice(practitioner).path("failedPins").asInt());
        // A wrong PIN: refused and counted toward the device's lock, as a decision's.
        HttpResult first = device.rotateKey(thiefKey, wrongPin());
        assertRefused(first, 422, "wrong_pin");
        int remaining = first.json().path("remaining_attempts").asInt();
        assertTrue(remaining > 0, first.toString());
        assertEquals(1, storedDevice(practitioner).path("failedPins").asInt());
        HttpResult second = device.rotateKey(DeviceClient.generateKey(KeyType.P256), wrongPin());
        assertRefused(second, 422, "wrong_pin");
        assertEquals(remaining - 1, second.json().path("remaining_attempts").asInt(), second.toString());
        assertEquals(2, storedDevice(practitioner).path("failedPins").asInt());
        // Wrong PINs in approvals and rotations add up: the device locks at the limit.
        for (int left = remaining - 1; left > 0; left--) {
            device.rotateKey(DeviceClient.generateKey(KeyType.P256), wrongPin());
        }
        assertRefused(device.rotateKey(DeviceClient.generateKey(KeyType.P256), Vigie.PIN), 403, "device_locked");
        assertTrue(storedDevice(practitioner).path("locked").asBoolean(), storedDevice(practitioner).toString());
        assertEquals(device.key().toPublicJWK().computeThumbprint().toString(), storedDevice(practitioner).path("thumbprint").asText(),
                "the key never changed");
    }

    @Test
    void aReplayedRotationIsRefusedAndCountsNoPin() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        String wrong = device.rotationJws(DeviceClient.generateKey(KeyType.P256), device.rotationClaims(wrongPin()));
        assertRefused(post(device, wrong), 422, "wrong_pin");
        assertRefused(post(device, wrong), 409, "replayed");
        assertEquals(1, storedDevice(practitioner).path("failedPins").asInt(), "the replay was not evaluated");

        JWK newKey = DeviceClient.generateKey(KeyType.ED25519);
        String right = device.rotationJws(newKey, device.rotationClaims(Vigie.PIN));
        assertEquals(200, post(device, right).status());
        // Its replay is signed by a key the device no longer holds.
        assertRefused(post(device, right), 401, "invalid_token");
    }

    @Test
    void thePractitionerIsMailedWhenTheKeyChanges() throws Exception {
        try (Mailbox mailbox = Mailbox.open(vigie.admin())) {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            String deviceName = deviceCredential(practitioner).path("userLabel").asText();
            assertRefused(device.rotateKey(DeviceClient.generateKey(KeyType.P256), wrongPin()), 422, "wrong_pin");
            assertEquals(200, device.rotateKey(DeviceClient.generateKey(KeyType.P256), Vigie.PIN).status());
            List<Mailbox.Mail> rotations = keyMails(mailbox, practitioner, 1);
            assertEquals(1, rotations.size(), "one mail, for the rotation taken (none for the refused one)");
            assertTrue(rotations.get(0).body().contains(deviceName), rotations.get(0).body());
        }
    }

    /** The key-change mails among the practitioner's (enrolment sends its own first). */
    private static List<Mailbox.Mail> keyMails(Mailbox mailbox, Practitioner practitioner, int atLeast) {
        List<Mailbox.Mail> found = new ArrayList<>();
        for (Mailbox.Mail mail : mailbox.to(practitioner.email(), atLeast + 1)) {
            if (mail.subject().contains("clé")) {
                found.add(mail);
            }
        }
        return found;
    }

    private static String wrongPin() {
        return Vigie.PIN.equals("9999") ? "8888" : "9999";
    }

    private static JsonNode storedDevice(Practitioner practitioner) {
        return AdminApi.parse(deviceCredential(practitioner).path("credentialData").asText());
    }

    private static String extractProof(DeviceClient device, JWK newKey, Map<String, Object> otherClaims) {
        String jws = device.rotationJws(newKey, otherClaims);
        try {
            return (String) com.nimbusds.jose.JWSObject.parse(jws).getPayload().toJSONObject().get("newKeyProof");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> work) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    private static HttpResult post(DeviceClient device, String jws) {
        return device.send("POST", "/key", DeviceClient.JOSE_TYPE, jws, null);
    }

    private static void assertRefused(HttpResult result, int status, String error) {
        assertEquals(status, result.status(), result.toString());
        assertEquals(error, result.error(), result.toString());
    }

    private static String thumbprint(HttpResult result) {
        return result.json().path("keyThumbprint").asText();
    }

    private static JsonNode deviceCredential(Practitioner practitioner) {
        List<JsonNode> devices = devices(practitioner);
        assertEquals(1, devices.size(), devices.toString());
        return devices.get(0);
    }

    private static int deviceCount(Practitioner practitioner) {
        return devices(practitioner).size();
    }

    private static List<JsonNode> devices(Practitioner practitioner) {
        List<JsonNode> devices = new ArrayList<>();
        for (JsonNode credential : vigie.admin().get("/users/" + practitioner.userId() + "/credentials")) {
            if ("vigie-device".equals(credential.path("type").asText())) {
                devices.add(credential);
            }
        }
        return devices;
    }
}
