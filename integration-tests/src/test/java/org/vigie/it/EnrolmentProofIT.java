package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyProofs;
import org.vigie.simulator.KeyType;

/**
 * Proof of possession at enrolment: the request is a JWS by the new key over the activation code,
 * for this API, fresh and used once. Every refusal here leaves the activation code usable.
 */
class EnrolmentProofIT {

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
    void aRequestWithoutProofIsRefusedAndTheCodeKept() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        // The enrolment as it was before proofs: a JSON body naming a public key.
        String json = new ObjectMapper().writeValueAsString(Map.of("identifier", practitioner.rpps(), "activationCode", code,
                "pinVerifier", Vigie.pinVerifier(), "publicKey", device.key().toPublicJWK().toJSONObject()));
        HttpResult refused = device.postJson("/enroll", json);
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("proof_required", refused.error());
        assertTrue(device.enroll(practitioner.rpps(), code, Vigie.PIN, null).ok(), "the code was not used up");
    }

    @Test
    void aKeyThatDidNotSignIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        // Someone else's public key in the header, signed by this device's key: possession not proven.
        JWK someoneElse = DeviceClient.generateKey(KeyType.P256);
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "ES256", "typ", KeyProofs.ENROLMENT,
                "jwk", someoneElse.toPublicJWK().toJSONObject()));
        HttpResult forged = enrol(device, KeyProofs.sign(device.key(), header, device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null)));
        assertEquals(401, forged.status(), forged.toString());
        assertEquals("invalid_proof", forged.error());
        // A valid proof with its payload swapped (another activation code) no longer verifies.
        String good = device.enrolmentJws(device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null));
        String other = device.enrolmentJws(device.enrolmentClaims(practitioner.rpps(), "AAAA-AAAA-AAAA", Vigie.PIN, null));
        String[] a = good.split("\\.");
        String[] b = other.split("\\.");
        assertEquals("invalid_proof", enrol(device, a[0] + "." + b[1] + "." + a[2]).error());
        assertTrue(device.enroll(practitioner.rpps(), code, Vigie.PIN, null).ok(), "the code was not used up");
    }

    @Test
    void aProofForAnotherPurposeOrAnotherServerOrTooOldIsRefused() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.ED25519);
        Map<String, Object> claims = device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null);
        // The new key's half of a key rotation is no enrolment.
        assertEquals("invalid_proof", enrol(device, KeyProofs.prove(device.key(), KeyProofs.NEW_KEY, claims)).error());
        // Relayed: made for another Vigie (or realm), sent here.
        Map<String, Object> relayed = device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null);
        relayed.put("aud", "https://vigie.example/realms/esante-wallet/vigie-device");
        HttpResult refused = enrol(device, device.enrolmentJws(relayed));
        assertEquals(401, refused.status(), refused.toString());
        assertEquals("invalid_proof", refused.error());
        Map<String, Object> old = device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null);
        old.put("iat", ((Number) old.get("iat")).longValue() - 600);
        assertEquals("invalid_proof", enrol(device, device.enrolmentJws(old)).error());
        Map<String, Object> noJti = device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, null);
        noJti.remove("jti");
        assertEquals("invalid_request", enrol(device, device.enrolmentJws(noJti)).error());
        assertTrue(device.enroll(practitioner.rpps(), code, Vigie.PIN, null).ok(), "the code was not used up");
    }

    @Test
    void aReplayedRequestIsRefusedWhateverTheFirstOutcome() {
        Practitioner practitioner = vigie.newPractitioner();
        assertTrue(vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), vigie.activationCode(practitioner), Vigie.PIN, "Phone").ok());
        String code = vigie.activationCode(practitioner);
        DeviceClient device = vigie.newDevice(KeyType.P256);
        // Refused for its name, which leaves the code usable: its replay still fails.
        String clash = device.enrolmentJws(device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, "Phone"));
        assertEquals("device_name_taken", enrol(device, clash).error());
        HttpResult replay = enrol(device, clash);
        assertEquals(409, replay.status(), replay.toString());
        assertEquals("replayed", replay.error());

        String right = device.enrolmentJws(device.enrolmentClaims(practitioner.rpps(), code, Vigie.PIN, "Tablet"));
        assertEquals(201, enrol(device, right).status());
        assertEquals("replayed", enrol(device, right).error());
    }

    static HttpResult enrol(DeviceClient device, String jws) {
        return device.send("POST", "/enroll", DeviceClient.JOSE_TYPE, jws, null);
    }
}
