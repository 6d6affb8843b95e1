package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivationCodesTest {

    /** Crockford's base 32: digits and letters, without I, L, O and U. */
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{12}");
    private static final Pattern FORMATTED = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

    @Test
    void alphabetIsCrockfordBase32() {
        assertEquals(CROCKFORD, ActivationCodes.ALPHABET);
        assertEquals(12, ActivationCodes.LENGTH);
    }

    @Test
    void generatedCodesAreTwelveCrockfordSymbols() {
        for (int i = 0; i < 500; i++) {
            String code = ActivationCodes.generate();
            assertTrue(CODE.matcher(code).matches(), code);
        }
    }

    @Test
    void generatedCodesNeverHoldTheSymbolsPeopleConfuse() {
        for (int i = 0; i < 500; i++) {
            String code = ActivationCodes.generate();
            for (char c : "ILOU".toCharArray()) {
                assertEquals(-1, code.indexOf(c), code);
            }
        }
    }

    @Test
    void generatedCodesUseTheWholeAlphabet() {
        // 12,000 draws of 32 symbols: a symbol missing by chance has probability about 32 * (31/32)^12000.
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            for (char c : ActivationCodes.generate().toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(CROCKFORD.length(), seen.size());
    }

    @Test
    void generatedCodesDiffer() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            codes.add(ActivationCodes.generate());
        }
        assertEquals(1000, codes.size());
    }

    @Test
    void generatedCodesAreAlreadyNormal() {
        for (int i = 0; i < 200; i++) {
            String code = ActivationCodes.generate();
            assertEquals(code, ActivationCodes.normalise(code));
        }
    }

    @Test
    void formatGroupsByFour() {
        assertEquals("ABCD-EFGH-JKMN", ActivationCodes.format("ABCDEFGHJKMN"));
        assertEquals("0123-4567-89AB", ActivationCodes.format("0123456789AB"));
    }

    @Test
    void formattedCodesNormaliseBackToTheCode() {
        for (int i = 0; i < 200; i++) {
            String code = ActivationCodes.generate();
            String shown = ActivationCodes.format(code);
            assertTrue(FORMATTED.matcher(shown).matches(), shown);
            assertEquals(code, ActivationCodes.normalise(shown));
            assertEquals(code, ActivationCodes.normalise(shown.toLowerCase()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ABCD-EFGH-JKMN     | ABCDEFGHJKMN",
            "abcd-efgh-jkmn     | ABCDEFGHJKMN",
            "'  abcd efgh jkmn '| ABCDEFGHJKMN",
            "AbCd--EfGh - JkMn  | ABCDEFGHJKMN",
            "oO0                | 000",
            "iIlL1              | 11111",
            "Hello World        | HE110W0R1D",
            "'- - -'            | ''",
    })
    void normaliseUpperCasesDropsSeparatorsAndReadsConfusablesAsCrockfordDoes(String typed, String expected) {
        assertEquals(expected, ActivationCodes.normalise(typed));
    }

    @Test
    void normaliseIgnoresLocale() {
        // Upper-casing with a Turkish default locale would make 'i' a dotted capital I, not 1.
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertEquals("1111", ActivationCodes.normalise("iiii"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void normaliseGivesEmptyForNothingTyped() {
        assertEquals("", ActivationCodes.normalise(null));
        assertEquals("", ActivationCodes.normalise(""));
    }

    @Test
    void normaliseRefusesOverlongInputAfterSixtyFourCharacters() {
        String sixtyFour = "a".repeat(64);
        assertEquals("A".repeat(64), ActivationCodes.normalise(sixtyFour));
        assertEquals("", ActivationCodes.normalise(sixtyFour + "a"));
        // The limit is on what was typed, before separators are dropped.
        assertEquals("", ActivationCodes.normalise("ABCD-EFGH-JKMN" + " ".repeat(51)));
        assertEquals("ABCDEFGHJKMN", ActivationCodes.normalise("ABCD-EFGH-JKMN" + " ".repeat(50)));
    }

    @Test
    void normaliseDoesNotLetAWrongCodeLookRight() {
        String code = "ABCDEFGHJKMN";
        assertFalse(code.equals(ActivationCodes.normalise("ABCDEFGHJKMP")));
        assertFalse(code.equals(ActivationCodes.normalise("ABCDEFGHJKM")));
        assertFalse(code.equals(ActivationCodes.normalise("ABCDEFGHJKMNN")));
    }
}
