package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PinProofTest {

    @Test
    void theSamePinUnderTheSameKeyGivesTheSameProofAndNothingElseDoes() {
        byte[] key = PinProof.newKey();
        assertEquals(32, key.length);
        assertEquals(PinProof.of(key, "4827"), PinProof.of(key, "4827"));
        assertNotEquals(PinProof.of(key, "4827"), PinProof.of(key, "4828"));
        assertNotEquals(PinProof.of(key, "4827"), PinProof.of(PinProof.newKey(), "4827"));
        assertEquals(43, PinProof.of(key, "4827").length(), "32 bytes, base64url without padding");
        assertFalse(PinProof.of(key, "4827").contains("4827"));
    }

    @Test
    void aKnownVector() {
        // HMAC-SHA256(key = 32 zero bytes, "vigie-pin-proof-v1:4827"), computed independently (Python hmac).
        assertEquals("BAEzKY6cVOMYsXPB4W0TC8Ousa_6UWntZtKPm2cLqY0", PinProof.of(new byte[32], "4827"));
    }

    @Test
    void aLegacyDeviceSendsItsPinAndOffersTheProofItWillUse() {
        DeviceClient client = new DeviceClient("http://127.0.0.1:1/realms/r/vigie-device",
                DeviceClient.generateKey(KeyType.P256), "dev-1", "user-1").legacyPin();
        Map<String, Object> claims = client.decisionClaims(null, "approve", "493027", "4827");
        assertEquals("4827", claims.get("pin"));
        assertEquals(PinProof.of(client.pinKey(), "4827"), claims.get("pinVerifier"));
        assertFalse(claims.containsKey("pinProof"));
        assertTrue(client.sendsPinInClear());
    }
}
