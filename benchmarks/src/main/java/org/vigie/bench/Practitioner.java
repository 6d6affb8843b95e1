package org.vigie.bench;

import java.security.SecureRandom;
import org.vigie.simulator.DeviceClient;

/** A bench practitioner: a password (for the stock login) and an enrolled device with PIN {@link Login#PIN} (for Vigie's). */
record Practitioner(String userId, String rpps, DeviceClient device) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the stock login page is given: the national identifier, which is the username. */
    String username() {
        return "8" + rpps;
    }

    /** A fresh Luhn-valid RPPS starting with {@code prefix} (two digits), synthetic. */
    static String randomRpps(String prefix) {
        String base = prefix + String.format("%08d", RANDOM.nextInt(100_000_000));
        return base + luhnKey(base);
    }

    /** The Luhn key RPPS numbers end with. */
    static int luhnKey(String base) {
        int sum = 0;
        boolean doubled = true;
        for (int i = base.length() - 1; i >= 0; i--) {
            int d = base.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
