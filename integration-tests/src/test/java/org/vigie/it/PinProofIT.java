package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.PinProof;

/**
 * The PIN never reaches the server: devices enrol a verifier and approve with a proof
 * (docs/security-model.md, "The PIN"). Devices enrolled before PIN proofs keep working with their
 * PIN, and move to proofs at their first approval that offers one.
 */
class PinProofIT {

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
    void aProofOfAnotherKeyOrAnotherPinIsAWrongPinAndAPinInClearIsRefused() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient phone = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());

        DecisionResult otherPin = phone.approveByCode(login.code(), "9513");
        assertEquals("wrong_pin", otherPin.error(), otherPin.http().toString());
        assertEquals(4, otherPin.remainingAttempts());

        // Same PIN, but a proof made under another key (a stolen verifier without the phone's key): wrong too.
        Map<String, Object> claims = phone.decisionClaims(null, "approve", login.code(), null);
        claims.put("pinProof", PinProof.of(PinProof.newKey(), Vigie.PIN));
        HttpResult otherKey = phone.postJose("/decision", phone.decisionJws(claims));
        assertEquals("wrong_pin", otherKey.error(), otherKey.toString());

        // The PIN itself is not what this device sends: a malformed request, not counted.
        Map<String, Object> clear = phone.decisionClaims(null, "approve", login.code(), null);
        clear.put("pin", Vigie.PIN);
        HttpResult refused = phone.postJose("/decision", phone.decisionJws(clear));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("invalid_request", refused.error());

        DecisionResult approved = phone.approveByCode(login.code(), Vigie.PIN);
        assertTrue(approved.ok(), approved.http().toString());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }

    @Test
    void aDeviceEnrolledBeforePinProofsKeepsWorkingThenMovesToProofs() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient legacy = vigie.legacyDevice(practitioner);

        // An app not updated yet: the PIN in clear, no verifier offered. It still works, and stays as it is.
        Login first = new Login(server).typeIdentifier(practitioner.rpps());
        Map<String, Object> old = legacy.decisionClaims(null, "approve", first.code(), Vigie.PIN);
        old.remove("pinVerifier");
        HttpResult oldApp = legacy.postJose("/decision", legacy.decisionJws(old));
        assertEquals(200, oldApp.status(), oldApp.toString());
        assertFalse(oldApp.json().has("pinMigrated"));
        first.submitWaitingForm();
        assertTrue(first.reachedRelyingParty(), first.page().text());

        // A wrong PIN in clear is counted like any wrong PIN.
        Login second = new Login(server).typeIdentifier(practitioner.rpps());
        DecisionResult wrong = legacy.approveByCode(second.code(), "9513");
        assertEquals("wrong_pin", wrong.error(), wrong.http().toString());
        assertTrue(legacy.sendsPinInClear(), "a wrong PIN migrates nothing");

        // The updated app sends its PIN once more with the proof it will use: migrated.
        DecisionResult migrated = legacy.approveByCode(second.code(), Vigie.PIN);
        assertTrue(migrated.ok(), migrated.http().toString());
        assertTrue(migrated.http().json().path("pinMigrated").asBoolean(), migrated.http().toString());
        assertFalse(legacy.sendsPinInClear());
        second.submitWaitingForm();
        assertTrue(second.reachedRelyingParty());

        // From then on the PIN in clear is refused, and the proof works.
        Login third = new Login(server).typeIdentifier(practitioner.rpps());
        Map<String, Object> inClear = legacy.decisionClaims(null, "approve", third.code(), null);
        inClear.put("pin", Vigie.PIN);
        HttpResult refused = legacy.postJose("/decision", legacy.decisionJws(inClear));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(legacy.approveByCode(third.code(), Vigie.PIN).ok());
        third.submitWaitingForm();
        assertTrue(third.reachedRelyingParty());
    }
}
