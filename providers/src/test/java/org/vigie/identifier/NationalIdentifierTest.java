package org.vigie.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"10001045367", "10006122583", "99700237045"})
    void acceptsLuhnValidRpps(String rpps) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(rpps);
        assertTrue(parsed.valid());
        assertEquals(NationalIdentifier.Type.RPPS, parsed.identifier().type());
        assertEquals(rpps, parsed.identifier().number());
        assertEquals("8" + rpps, parsed.identifier().nationalId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10001234567", "10000000001", "10001045368", "10001045360"})
    void refusesRppsWithWrongKey(String rpps) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(rpps);
        assertFalse(parsed.valid());
        assertEquals(NationalIdentifier.Problem.RPPS_CHECK_DIGIT, parsed.problem());
    }

    @Test
    void toleratesSpacesDotsAndDashesPeopleType() {
        assertEquals("810001045367", NationalIdentifier.parse(" 100 010 453 67 ").identifier().nationalId());
        assertEquals("810001045367", NationalIdentifier.parse("10.00.10.45.367").identifier().nationalId());
        assertEquals("810001045367", NationalIdentifier.parse("1000-1045-367").identifier().nationalId());
        assertEquals("810001045367", NationalIdentifier.parse("10001\u00a0045367").identifier().nationalId());
    }

    @Test
    void acceptsNationalIdWithRppsPrefixAndChecksItsKey() {
        assertEquals("10001045367", NationalIdentifier.parse("810001045367").identifier().number());
        assertEquals(NationalIdentifier.Problem.RPPS_CHECK_DIGIT, NationalIdentifier.parse("810001045368").problem());
        assertEquals(NationalIdentifier.Problem.FORMAT, NationalIdentifier.parse("910001045367").problem());
    }

    @Test
    void acceptsAdeliAndItsNationalForm() {
        NationalIdentifier adeli = NationalIdentifier.parse("756012345").identifier();
        assertEquals(NationalIdentifier.Type.ADELI, adeli.type());
        assertEquals("0756012345", adeli.nationalId());
        assertEquals(adeli, NationalIdentifier.parse("0756012345").identifier());
        assertEquals(NationalIdentifier.Problem.FORMAT, NationalIdentifier.parse("1756012345").problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1000104536x", "12345", "1000104536712345", "10001045367;", "<script>", "１０００１０４５３６７"})
    void refusesWhatIsNotAnIdentifier(String typed) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(typed);
        assertFalse(parsed.valid());
        assertNull(parsed.identifier());
        assertEquals(NationalIdentifier.Problem.FORMAT, parsed.problem());
    }

    @Test
    void emptyInputHasItsOwnProblem() {
        assertEquals(NationalIdentifier.Problem.EMPTY, NationalIdentifier.parse(null).problem());
        assertEquals(NationalIdentifier.Problem.EMPTY, NationalIdentifier.parse("   ").problem());
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        assertEquals(NationalIdentifier.Problem.FORMAT, NationalIdentifier.parse(" ".repeat(60) + "10001045367").problem());
    }

    @Test
    void rppsFactoryRefusesAdeli() {
        assertThrows(IllegalArgumentException.class, () -> NationalIdentifier.rpps("756012345"));
    }

    @Test
    void luhnKeyOfSyntheticBase() {
        assertEquals(7, Luhn.checkDigit("1000104536"));
        assertTrue(Luhn.isValid("1000104536" + Luhn.checkDigit("1000104536")));
        assertFalse(Luhn.isValid("1"));
        assertFalse(Luhn.isValid("12a4"));
    }
}
