package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PinRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"4827", "135790", "1235", "43215", "9875", "1233", "0192", "27182818", "00000001", "24680"})
    void acceptsPinsThatAreNeitherRepeatsNorRuns(String pin) {
        assertTrue(PinRules.isWellFormed(pin), pin);
        assertTrue(PinRules.isAcceptable(pin), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000", "1111", "99999", "777777", "5555555", "88888888"})
    void refusesTheSameDigitRepeated(String pin) {
        assertTrue(PinRules.isWellFormed(pin), pin);
        assertFalse(PinRules.isAcceptable(pin), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "0123", "6789", "34567", "123456", "12345678", "23456789"})
    void refusesAscendingRuns(String pin) {
        assertTrue(PinRules.isWellFormed(pin), pin);
        assertFalse(PinRules.isAcceptable(pin), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4321", "3210", "9876", "98765", "876543", "87654321", "98765432"})
    void refusesDescendingRuns(String pin) {
        assertTrue(PinRules.isWellFormed(pin), pin);
        assertFalse(PinRules.isAcceptable(pin), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7890", "8901", "9012", "901234", "67890123", "1098", "2109", "0987", "210987", "32109876"})
    void refusesRunsThatWrapAroundNineAndZero(String pin) {
        assertTrue(PinRules.isWellFormed(pin), pin);
        assertFalse(PinRules.isAcceptable(pin), pin);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"482", "7", "135792468", "4827135790"})
    void refusesPinsOfTheWrongLength(String pin) {
        assertFalse(PinRules.isWellFormed(pin), String.valueOf(pin));
        assertFalse(PinRules.isAcceptable(pin), String.valueOf(pin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"48a7", "ABCD", "4827 ", " 4827", "48-27", "+4827", "-4827", "48.27",
            "\uff14\uff18\uff12\uff17" /* full-width 4827 */, "\u0664\u0668\u0662\u0667" /* Arabic-Indic 4827 */})
    void refusesAnythingButAsciiDigits(String pin) {
        assertFalse(PinRules.isWellFormed(pin), pin);
        assertFalse(PinRules.isAcceptable(pin), pin);
    }

    @Test
    void lengthBoundsAreFourAndEight() {
        assertTrue(PinRules.isWellFormed("4827"));
        assertTrue(PinRules.isWellFormed("48271359"));
        assertFalse(PinRules.isWellFormed("482"));
        assertFalse(PinRules.isWellFormed("482713590"));
        assertTrue(PinRules.isAcceptable("4827"));
        assertTrue(PinRules.isAcceptable("48271359"));
    }

    @Test
    void aRunBrokenByOneDigitIsNoLongerARun() {
        assertFalse(PinRules.isAcceptable("12345678"));
        assertTrue(PinRules.isAcceptable("12345679"));
        assertTrue(PinRules.isAcceptable("02345678"));
        assertFalse(PinRules.isAcceptable("8901"));
        assertTrue(PinRules.isAcceptable("8902"));
    }
}
