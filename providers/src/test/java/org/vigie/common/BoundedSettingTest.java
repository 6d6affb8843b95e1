package org.vigie.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedSettingTest {

    private static final BoundedSetting TTL = new BoundedSetting("ttl", 120, 30, 600);

    @Test
    void unsetReadsAsTheDefaultAndIsNoProblem() {
        assertEquals(120, TTL.read(Map.of()));
        assertEquals(120, TTL.read(null));
        assertEquals(120, TTL.read(Map.of("ttl", "  ")));
        assertTrue(TTL.problem(Map.of()).isEmpty());
    }

    @Test
    void valueInsideTheBoundsIsTaken() {
        assertEquals(30, TTL.read(Map.of("ttl", "30")));
        assertEquals(600, TTL.read(Map.of("ttl", " 600 ")));
        assertTrue(TTL.problem("45").isEmpty());
    }

    @Test
    void valueOutsideIsRefusedAtSaveAndBroughtIntoTheBoundsWhenRead() {
        assertEquals(600, TTL.read(Map.of("ttl", "86400")));
        assertEquals(30, TTL.read(Map.of("ttl", "-5")));
        assertEquals(600, TTL.read(Map.of("ttl", "999999999999999999")));
        assertEquals("ttl must be a whole number from 30 to 600 (was '86400')", TTL.problem("86400").orElseThrow());
    }

    @Test
    void noNumberReadsAsTheDefaultAndIsRefused() {
        assertEquals(120, TTL.read(Map.of("ttl", "2 minutes")));
        assertEquals(120, TTL.read(Map.of("ttl", "1e3")));
        assertEquals(120, TTL.read(Map.of("ttl", "9999999999999999999999")));
        assertTrue(TTL.problem("abc").isPresent());
    }

    @Test
    void aDefaultOutsideItsOwnBoundsIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedSetting("x", 5, 10, 20));
    }
}
