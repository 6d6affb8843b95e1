package org.vigie.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuthenticationLevelMapperTest {

    @Test
    void sentOnlyForASessionAtTheRequiredAcr() {
        assertEquals("APPPRIP3^1.2.250.1.213.1.5.1.1.1", AuthenticationLevelMapper.level(null, null, "eidas1"));
        assertEquals("APPPRIP3^1.2.250.1.213.1.5.1.1.1", AuthenticationLevelMapper.level("eidas1", " ", "eidas1"));
        assertNull(AuthenticationLevelMapper.level(null, null, null), "a session not approved on a device has no level");
        assertNull(AuthenticationLevelMapper.level("eidas1", null, "eidas2"));
    }

    @Test
    void theOperatorNamesAnotherLevelOrAcr() {
        assertEquals("APPPRIP2^1.2.250.1.213.1.5.1.1.1",
                AuthenticationLevelMapper.level("eidas1", "APPPRIP2^1.2.250.1.213.1.5.1.1.1", "eidas1"));
        assertEquals(AuthenticationLevelMapper.DEFAULT_LEVEL, AuthenticationLevelMapper.level("eidas2", null, "eidas2"));
        assertNull(AuthenticationLevelMapper.level("eidas2", null, "eidas1"));
    }
}
