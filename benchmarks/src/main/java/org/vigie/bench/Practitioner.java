package org.vigie.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vigie.identifier.Luhn;
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
        return base + Luhn.checkDigit(base);
    }

    /**
     * {@code count} practitioners, each with a password and a device enrolled with {@link Login#PIN},
     * made 4 at a time through the admin API and the device API at {@code serverBaseUrl}.
     */
    static List<Practitioner> createMany(Admin admin, String serverBaseUrl, int count) throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(4);
        List<Future<Practitioner>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(setup.submit(() -> {
                String rpps = randomRpps("19");
                String userId = admin.createPractitioner(rpps, Login.PASSWORD);
                DeviceClient device = enrolDevice(DeviceClient.deviceApiUrl(serverBaseUrl, Server.REALM), rpps,
                        admin.activationCode(userId));
                return new Practitioner(userId, rpps, device);
            }));
        }
        List<Practitioner> out = new ArrayList<>();
        try {
            for (Future<Practitioner> f : made) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            setup.shutdownNow();
        }
        return out;
    }
}
