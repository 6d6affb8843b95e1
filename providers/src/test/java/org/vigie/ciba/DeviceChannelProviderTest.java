package org.vigie.ciba;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigie.challenge.ChallengeCodes;

class DeviceChannelProviderTest {

    @Test
    void aVigieCodeAsBindingMessageIsTheCodeToType() {
        for (int i = 0; i < 100; i++) {
            assertTrue(DeviceChannelProvider.isVigieCode(ChallengeCodes.typeCode()));
        }
        assertTrue(DeviceChannelProvider.isVigieCode("4930277"));
    }

    @Test
    void anythingElseIsAMessageToShow() {
        assertFalse(DeviceChannelProvider.isVigieCode("4930278"), "wrong Luhn key: a typo, shown rather than typed");
        assertFalse(DeviceChannelProvider.isVigieCode("493027"));
        assertFalse(DeviceChannelProvider.isVigieCode("49302770"));
        assertFalse(DeviceChannelProvider.isVigieCode("Guichet-3"));
        assertFalse(DeviceChannelProvider.isVigieCode("４９３０２７７"), "digits other than ASCII");
        assertFalse(DeviceChannelProvider.isVigieCode(""));
        assertFalse(DeviceChannelProvider.isVigieCode(null));
    }
}
