package org.vigie.ciba;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigie.challenge.ChallengeCodes;

class CibaCodeClaimTest {

    @Test
    void aVigieCodeAsBindingMessageIsTheCodeToType() {
        for (int i = 0; i < 100; i++) {
            assertTrue(CibaCodeClaim.isVigieCode(ChallengeCodes.typeCode()));
        }
        assertTrue(CibaCodeClaim.isVigieCode("4930277"));
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(CibaCodeClaim.isVigieCode("4930278"), "wrong Luhn key: a typo, refused");
        assertFalse(CibaCodeClaim.isVigieCode("493027"));
        assertFalse(CibaCodeClaim.isVigieCode("49302770"));
        assertFalse(CibaCodeClaim.isVigieCode("Guichet-3"));
        assertFalse(CibaCodeClaim.isVigieCode("４９３０２７７"), "digits other than ASCII");
        assertFalse(CibaCodeClaim.isVigieCode(""));
        assertFalse(CibaCodeClaim.isVigieCode(null));
    }
}
