package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.identifier.Luhn;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.LoopbackHttp;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyType;

/**
 * Anonymous enrolment work is bounded: per client address and for the whole realm, cluster-wide,
 * whatever identifier each attempt names. Requests come from other loopback addresses (127.x.y.z)
 * so that each test is a fresh client.
 */
class EnrolmentLimitsIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        vigie.clock(0);
    }

    @Test
    void oneAddressGetsAtMostItsAttemptsWhateverTheIdentifiers() {
        Map<String, String> previous = vigie.enrolmentConfig(Map.of("enrolAttemptsPerAddress", "5"));
        try {
            String stranger = LoopbackHttp.randomAddress();
            for (int i = 0; i < 5; i++) {
                HttpResult answer = enrol(stranger, unknownRpps(), "AAAA-AAAA-AAAA");
                assertEquals(401, answer.status(), "attempt " + (i + 1) + " is within the limit: " + answer);
            }
            HttpResult sixth = enrol(stranger, unknownRpps(), "AAAA-AAAA-AAAA");
            assertEquals(429, sixth.status(), sixth.toString());
            assertEquals("too_many_attempts", sixth.error());
            // Another address is not held back by the first one.
            Practitioner practitioner = vigie.newPractitioner();
            HttpResult other = enrol(LoopbackHttp.randomAddress(), practitioner.rpps(), vigie.activationCode(practitioner));
            assertEquals(201, other.status(), other.toString());
        } finally {
            vigie.enrolmentConfig(previous);
        }
    }

    /**
     * A stranger who knows the RPPS (open data) tries wrong codes until refused: only their own
     * address is held back, for that identifier and that code; the practitioner's code stays and
     * works from their phone.
     */
    @Test
    void aStrangerCannotWithdrawThePractitionersActivationCode() {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        String stranger = LoopbackHttp.randomAddress();
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            HttpResult answer = enrol(stranger, practitioner.rpps(), "AAAA-AAAA-AAA" + (i % 10));
            assertTrue(answer.status() == 401 || answer.status() == 429, answer.toString());
            refused += answer.status() == 429 ? 1 : 0;
        }
        assertEquals(7, refused, "5 tries at the code from one address, then refused");
        HttpResult own = enrol(LoopbackHttp.randomAddress(), practitioner.rpps(), code);
        assertEquals(201, own.status(), "the practitioner's code still works from their own address: " + own);
    }

    @Test
    void theWholeRealmGetsAtMostItsAttemptsPerMinuteFromAnyAddresses() {
        Map<String, String> previous = vigie.enrolmentConfig(Map.of("enrolAttemptsPerMinute", "8"));
        try {
            int served = 0;
            int refused = 0;
            for (int i = 0; i < 12; i++) {
                HttpResult answer = enrol(LoopbackHttp.randomAddress(), unknownRpps(), "AAAA-AAAA-AAAA");
                assertTrue(answer.status() == 401 || answer.status() == 429, answer.toString());
                if (answer.status() == 429) {
                    assertEquals("too_many_attempts", answer.error());
                    refused++;
                } else {
                    served++;
                }
            }
            assertTrue(served <= 8, "at most 8 attempts served in the minute, got " + served);
            assertTrue(refused >= 4, "the rest refused: " + refused);
        } finally {
            vigie.enrolmentConfig(previous);
        }
    }

    @Test
    void malformedEnrolmentsDoNotUseAnAddresssAttempts() {
        Map<String, String> previous = vigie.enrolmentConfig(Map.of("enrolAttemptsPerAddress", "2"));
        try {
            String client = LoopbackHttp.randomAddress();
            for (int i = 0; i < 5; i++) {
                assertEquals(400, LoopbackHttp.post(client, enrollUrl(), "application/json", "{\"identifier\":12}").status());
            }
            Practitioner practitioner = vigie.newPractitioner();
            assertEquals(201, enrol(client, practitioner.rpps(), vigie.activationCode(practitioner)).status());
        } finally {
            vigie.enrolmentConfig(previous);
        }
    }

    /** Codes stored by earlier versions (password hash, no HMAC) keep working until they expire, and count wrong tries. */
    @Test
    void codesIssuedInTheEarlierPasswordHashFormatStillWork() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        var created = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        server.realmUrl() + "/vigie-test-legacy-code/users/" + practitioner.userId() + "?code=K7QXM2PA9DZT"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        HttpResult wrong = enrol(LoopbackHttp.randomAddress(), practitioner.rpps(), "K7QX-M2PA-9DZV");
        assertEquals(401, wrong.status(), wrong.toString());
        HttpResult right = enrol(LoopbackHttp.randomAddress(), practitioner.rpps(), "k7qx-m2pa-9dzt");
        assertEquals(201, right.status(), right.toString());
    }

    private static HttpResult enrol(String fromAddress, String identifier, String code) {
        try {
            DeviceClient device = vigie.newDevice(KeyType.P256);
            String body = new ObjectMapper().writeValueAsString(Map.of("identifier", identifier, "activationCode", code,
                    "pinVerifier", Vigie.pinVerifier(), "publicKey", device.key().toPublicJWK().toJSONObject()));
            return LoopbackHttp.post(fromAddress, enrollUrl(), "application/json", body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String enrollUrl() {
        return DeviceClient.deviceApiUrl(server.baseUrl(), KeycloakServer.REALM) + "/enroll";
    }

    private static String unknownRpps() {
        String base = "17" + String.format("%08d", (int) (Math.random() * 100_000_000));
        return base + Luhn.checkDigit(base);
    }
}
