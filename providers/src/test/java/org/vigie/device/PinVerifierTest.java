package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PinVerifierTest {

    /** HMAC-SHA256(32 zero bytes, "vigie-pin-proof-v1:4827"): what the device simulator sends for PIN 4827 under that key. */
    private static final String PROOF_4827 = "BAEzKY6cVOMYsXPB4W0TC8Ousa_6UWntZtKPm2cLqY0";

    @Test
    void theEnrolmentProofMatchesAndNothingElseDoes() {
        PinVerifier.Stored stored = PinVerifier.store(PROOF_4827);
        assertEquals(PinVerifier.SCHEME, stored.scheme());
        assertTrue(PinVerifier.matches(stored, PROOF_4827));
        byte[] other = Base64.getUrlDecoder().decode(PROOF_4827);
        other[0] ^= 1;
        assertFalse(PinVerifier.matches(stored, Base64.getUrlEncoder().withoutPadding().encodeToString(other)));
        assertFalse(PinVerifier.matches(stored, null));
        assertFalse(PinVerifier.matches(stored, "4827"));
    }

    @Test
    void whatIsStoredRevealsNeitherTheProofNorThePin() {
        PinVerifier.Stored a = PinVerifier.store(PROOF_4827);
        PinVerifier.Stored b = PinVerifier.store(PROOF_4827);
        assertNotEquals(a.hash(), b.hash(), "a fresh salt per device");
        assertFalse(a.hash().equals(PROOF_4827) || a.salt().contains(PROOF_4827));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4827", "too-short", "BAEzKY6cVOMYsXPB4W0TC8Ousa_6UWntZtKPm2cLqY0A", "BAEzKY6cVOMYsXPB4W0TC8Ousa/6UWntZtKPm2cLqY0",
            "BAEzKY6cVOMYsXPB4W0TC8Ousa_6UWntZtKPm2cLqY="})
    void aVerifierThatIsNotA32ByteProofIsRefused(String value) {
        assertNull(PinVerifier.store(value));
        assertFalse(PinVerifier.isWellFormed(value));
    }

    @Test
    void aStoredValueOfAnotherSchemeNeverMatches() {
        PinVerifier.Stored stored = PinVerifier.store(PROOF_4827);
        assertFalse(PinVerifier.matches(new PinVerifier.Stored("argon2", stored.salt(), stored.hash()), PROOF_4827));
        assertFalse(PinVerifier.matches(new PinVerifier.Stored(PinVerifier.SCHEME, "bad", stored.hash()), PROOF_4827));
    }
}
