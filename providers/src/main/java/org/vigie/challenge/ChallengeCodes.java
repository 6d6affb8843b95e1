package org.vigie.challenge;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** Six digits, leading zeros kept: the secret carried from the browser to the phone. */
    public static String typeCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
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
