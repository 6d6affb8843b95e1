package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeHmacTest {

    @Test
    void theRightCodeMatchesAndNothingElse() {
        CodeHmac.Stored stored = CodeHmac.create("K7QXM2PA9DZT");
        assertTrue(CodeHmac.matches(stored, "K7QXM2PA9DZT"));
        assertFalse(CodeHmac.matches(stored, "K7QXM2PA9DZV"));
        assertFalse(CodeHmac.matches(stored, ""));
        assertFalse(CodeHmac.matches(null, "K7QXM2PA9DZT"));
        assertFalse(CodeHmac.matches(new CodeHmac.Stored("not base64!", "x"), "K7QXM2PA9DZT"));
    }

    @Test
    void eachCodeHasItsOwnKey() {
        CodeHmac.Stored a = CodeHmac.create("K7QXM2PA9DZT");
        CodeHmac.Stored b = CodeHmac.create("K7QXM2PA9DZT");
        assertNotEquals(a.key, b.key);
        assertNotEquals(a.mac, b.mac, "the same code gives different MACs");
        assertFalse(CodeHmac.matches(new CodeHmac.Stored(a.key, b.mac), "K7QXM2PA9DZT"));
    }
}
