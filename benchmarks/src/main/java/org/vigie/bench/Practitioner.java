package org.vigie.bench;

import java.security.SecureRandom;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.EnrolmentResult;
import org.vigie.simulator.KeyType;

/** A bench practitioner: a password (for the stock login) and an enrolled device with PIN {@link Login#PIN} (for Vigie's). */
record Practitioner(String userId, String rpps, DeviceClient device) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the stock login page is given: the national identifier, which is the username. */
    String username() {
        return "8" + rpps;
    }

    /** Enrols a new P-256 device with {@link Login#PIN} (the simulator sends the PIN's verifier, never the PIN). */
    static DeviceClient enrolDevice(String deviceApi, String rpps, String activationCode) {
        DeviceClient device = new DeviceClient(deviceApi, DeviceClient.generateKey(KeyType.P256));
        EnrolmentResult enrolled = device.enroll(rpps, activationCode, Login.PIN, "bench phone");
        if (!enrolled.ok()) {
            throw new IllegalStateException("enrolment failed: " + enrolled.http());
        }
        return device;
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
