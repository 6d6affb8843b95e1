package org.vigie.challenge;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vigie.identifier.Luhn;

/** Random values of a challenge: its id, the browser's status token, and the codes. */
public final class ChallengeCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChallengeCodes() {
    }

    public static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The secret carried from the browser to the phone: six random digits (NIST SP 800-63B-4),
     * leading zeros kept, and a Luhn key. The key turns a typo in the app (one digit wrong, two
     * neighbours swapped) into a code that names no login at all: without it, a mistyped code
     * could name a stranger's pending login for the same identifier.
     */
    public static String typeCode() {
        String secret = String.format("%06d", RANDOM.nextInt(1_000_000));
        return secret + Luhn.checkDigit(secret);
    }

    /** A well-formed typed code: seven digits whose last is the Luhn key of the six before. */
    static boolean isTypedCode(String code) {
        return code != null && code.length() == 7 && Luhn.isValid(code);
    }

    /** Three distinct two-digit codes in random order; the first drawn is the right one. */
    static List<String> pickCodes() {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < 3) {
            codes.add(String.format("%02d", 10 + RANDOM.nextInt(90)));
        }
        return new ArrayList<>(codes);
    }

    static List<String> shuffled(List<String> codes) {
        List<String> copy = new ArrayList<>(codes);
        Collections.shuffle(copy, RANDOM);
        return copy;
    }
}
