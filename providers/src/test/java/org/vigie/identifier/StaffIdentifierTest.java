package org.vigie.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Staff identifiers of assistants without RPPS: {@code 3} + 11 digits with a Luhn key. */
class StaffIdentifierTest {

    @Test
    void typedWithItsPrefixItIsAStaffIdentifier() {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse("3 5000 0000 013");
        assertTrue(parsed.valid());
        assertEquals(NationalIdentifier.Type.STAFF, parsed.identifier().type());
        assertEquals("50000000013", parsed.identifier().number());
        assertEquals("350000000013", parsed.identifier().nationalId());
    }

    @Test
    void aWrongKeyIsRefusedAndElevenDigitsAloneStayAnRpps() {
        NationalIdentifier.Parsed wrong = NationalIdentifier.parse("350000000014");
        assertFalse(wrong.valid());
        assertEquals(NationalIdentifier.Problem.RPPS_CHECK_DIGIT, wrong.problem());
        assertEquals(NationalIdentifier.Type.RPPS, NationalIdentifier.parse("10001045367").identifier().type());
    }

    @Test
    void theLookupReadsTheStaffAttribute() {
        PractitionerLookup lookup = PractitionerLookup.of(null);
        assertEquals(PractitionerLookup.STAFF_ATTRIBUTE, lookup.attributeFor(NationalIdentifier.Type.STAFF));
        assertEquals("rpps", lookup.attributeFor(NationalIdentifier.Type.RPPS));
    }
}
