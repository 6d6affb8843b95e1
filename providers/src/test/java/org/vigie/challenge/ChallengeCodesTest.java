package org.vigie.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChallengeCodesTest {

    private static final Pattern SEVEN_DIGITS = Pattern.compile("[0-9]{7}");
    private static final Pattern TWO_DIGITS = Pattern.compile("[1-9][0-9]");
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");

    @Test
    void typeCodeIsSixRandomDigitsAndALuhnKey() {
        for (int i = 0; i < 2000; i++) {
            String code = ChallengeCodes.typeCode();
            assertTrue(SEVEN_DIGITS.matcher(code).matches(), code);
            assertTrue(ChallengeCodes.isTypedCode(code), code);
        }
    }

    @Test
    void everyOneDigitTypoAndMostSwapsNameNoLogin() {
        String code = ChallengeCodes.typeCode();
        for (int position = 0; position < code.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != code.charAt(position)) {
                    String typo = code.substring(0, position) + digit + code.substring(position + 1);
                    assertFalse(ChallengeCodes.isTypedCode(typo), code + " -> " + typo);
                }
            }
        }
        assertFalse(ChallengeCodes.isTypedCode("1234567".substring(0, 6)));
        assertFalse(ChallengeCodes.isTypedCode(null));
        assertFalse(ChallengeCodes.isTypedCode("12345678"));
    }

    @Test
    void typeCodeKeepsLeadingZeros() {
        // One code in ten starts with 0: missing all of them in 10,000 draws has probability 0.9^10000.
        boolean sawLeadingZero = false;
        for (int i = 0; i < 10_000 && !sawLeadingZero; i++) {
            String code = ChallengeCodes.typeCode();
            assertEquals(7, code.length(), code);
            sawLeadingZero = code.charAt(0) == '0';
        }
        assertTrue(sawLeadingZero);
    }

    @Test
    void typeCodesVary() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            codes.add(ChallengeCodes.typeCode());
        }
        // 200 draws among a million values: far more than 150 distinct in practice.
        assertTrue(codes.size() > 150, "distinct codes: " + codes.size());
    }

    @Test
    void pickCodesAreThreeDistinctTwoDigitCodes() {
        for (int i = 0; i < 2000; i++) {
            List<String> codes = ChallengeCodes.pickCodes();
            assertEquals(3, codes.size(), codes.toString());
            assertEquals(3, new HashSet<>(codes).size(), codes.toString());
            for (String code : codes) {
                assertTrue(TWO_DIGITS.matcher(code).matches(), codes.toString());
                int value = Integer.parseInt(code);
                assertTrue(value >= 10 && value <= 99, code);
            }
        }
    }

    @Test
    void pickCodesCoverTheWholeRange() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.addAll(ChallengeCodes.pickCodes());
        }
        assertTrue(seen.contains("10"));
        assertTrue(seen.contains("99"));
        assertEquals(90, seen.size());
    }

    @Test
    void shuffledIsAPermutationAndLeavesTheOriginalAlone() {
        List<String> codes = List.of("17", "42", "88");
        boolean movedTheFirst = false;
        for (int i = 0; i < 200; i++) {
            List<String> shuffled = ChallengeCodes.shuffled(codes);
            assertEquals(3, shuffled.size());
            assertEquals(new HashSet<>(codes), new HashSet<>(shuffled));
            movedTheFirst |= !shuffled.get(0).equals("17");
        }
        assertEquals(List.of("17", "42", "88"), codes);
        // The right code (drawn first) must not always be shown first: (1/3)^200 to fail by chance.
        assertTrue(movedTheFirst);
        List<String> mutable = new ArrayList<>(codes);
        ChallengeCodes.shuffled(mutable);
        assertEquals(codes, mutable);
    }

    @Test
    void randomIdIsThirtyTwoLowerCaseHexDigits() {
        for (int i = 0; i < 1000; i++) {
            String id = ChallengeCodes.randomId();
            assertTrue(HEX_32.matcher(id).matches(), id);
        }
    }

    @Test
    void randomIdsDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(ChallengeCodes.randomId());
        }
        assertEquals(1000, ids.size());
        assertNotEquals(ChallengeCodes.randomId(), ChallengeCodes.randomId());
    }
}
