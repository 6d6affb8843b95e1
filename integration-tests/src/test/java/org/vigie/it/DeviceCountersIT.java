package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.EnrolmentResult;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.KeyType;

/**
 * The counters that protect a secret (wrong PINs, wrong activation codes) under concurrency and
 * load: every guess is counted before it is evaluated, at most the limit is ever evaluated, and no
 * concurrent request answers 500.
 */
class DeviceCountersIT {

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        vigie.clock(0);
    }

    /** Three trials: the limit must hold every time, not on average. */
    @RepeatedTest(3)
    void twentyConcurrentWrongPinsUnderLoadEvaluateAtMostFiveAndLockTheDevice() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        String code = login.code();

        AtomicBoolean guessing = new AtomicBoolean(true);
        List<Thread> load = anonymousLoad(guessing);
        List<HttpResult> answers;
        Object quickCheck = withoutQuickLoginCheck(vigie);
        try {
            answers = concurrentWrongPins(List.of(device), id, code, 20);
        } finally {
            guessing.set(false);
            for (Thread thread : load) {
                thread.join();
            }
            restoreQuickLoginCheck(vigie, quickCheck);
        }
        assertPinLimitHeld(vigie, practitioner, device, id, code, answers);
    }

    /**
     * A node lost while it evaluated the last allowed guesses leaves them counted and never
     * settled: the device answers "busy" for a while (a right PIN among them must not lock it),
     * then counts them as wrong and locks, instead of refusing every decision for ever.
     */
    @Test
    void guessesWhoseOutcomeNeverCameLockTheDeviceInsteadOfLeavingItBusyForEver() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        String id = Vigie.onlyPending(device).id();
        HttpResponse<String> interrupted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.realmUrl()
                        + "/vigie-test-interrupted-pin-guesses/users/" + practitioner.userId() + "/devices/" + device.deviceId()
                        + "?count=5")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, interrupted.statusCode(), interrupted.body());
        try {
            HttpResult busy = device.decide(id, "approve", login.code(), Vigie.PIN).http();
            assertEquals(429, busy.status(), busy.toString());
            assertEquals("slow_down", busy.error());
            vigie.clock(31);
            HttpResult after = device.decide(id, "approve", login.code(), Vigie.PIN).http();
            assertEquals(403, after.status(), after.toString());
            assertEquals("device_locked", after.error());
            assertTrue(storedDevice(vigie, practitioner, device.deviceId()).path("locked").asBoolean());
        } finally {
            vigie.clock(0);
        }
    }

    /**
     * The realm's brute-force detection locks a practitioner after two failures within a second
     * (its quick-login check): concurrent guesses would then mostly get user_locked and the device's
     * own limit would not be reached. Off for the time of the guesses, so that the device's counter
     * is what is tested.
     */
    static Object withoutQuickLoginCheck(Vigie vigie) {
        int previous = vigie.admin().get("").path("quickLoginCheckMilliSeconds").asInt();
        var updated = vigie.admin().send("PUT", "", Map.of("quickLoginCheckMilliSeconds", 0));
        assertEquals(204, updated.statusCode(), updated.body());
        return previous;
    }

    static void restoreQuickLoginCheck(Vigie vigie, Object previous) {
        vigie.admin().send("PUT", "", Map.of("quickLoginCheckMilliSeconds", previous));
    }

    /** Shared with the cluster test: 20 wrong PINs at once, spread over the given clients (nodes). */
    static List<HttpResult> concurrentWrongPins(List<DeviceClient> devices, String id, String code, int guesses) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Callable<HttpResult>> calls = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                DeviceClient device = devices.get(i % devices.size());
                String pin = String.format("%04d", 5000 + i * 7);
                // decide() sends a refused-for-now (429 slow_down) guess again, as the app does.
                calls.add(() -> device.decide(id, "approve", code, pin).http());
            }
            List<HttpResult> answers = new ArrayList<>();
            for (Future<HttpResult> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertPinLimitHeld(Vigie vigie, Practitioner practitioner, DeviceClient device, String id, String code,
                                   List<HttpResult> answers) {
        Set<Integer> remaining = new HashSet<>();
        int wrong = 0;
        for (HttpResult answer : answers) {
            assertTrue(answer.status() < 500, "no 5xx: " + answer);
            assertTrue(List.of("wrong_pin", "device_locked", "already_decided", "slow_down").contains(answer.error()), answer.toString());
            if ("wrong_pin".equals(answer.error())) {
                wrong++;
                assertTrue(remaining.add(answer.remainingAttempts()), "each guess counted once: " + answers);
            }
        }
        assertTrue(wrong <= 4, "at most 4 wrong_pin answers before the lock: " + answers);
        int evaluated = 0;
        for (JsonNode event : vigie.userEvents(practitioner)) {
            String reason = event.path("details").path("vigie_reason").asText();
            if ("LOGIN_ERROR".equals(event.path("type").asText()) && (reason.equals("wrong_pin") || reason.equals("device_locked"))) {
                evaluated++;
            }
        }
        assertEquals(5, evaluated, "exactly the limit of guesses evaluated, not more: " + answers);
        JsonNode stored = storedDevice(vigie, practitioner, device.deviceId());
        assertEquals(5, stored.path("failedPins").asInt(), stored.toString());
        assertTrue(stored.path("locked").asBoolean(), "the device is locked: " + stored);
        HttpResult right = device.decide(id, "approve", code, Vigie.PIN).http();
        assertEquals(403, right.status(), "the right PIN is refused once locked: " + right);
        assertEquals("device_locked", right.error());
    }

    static JsonNode storedDevice(Vigie vigie, Practitioner practitioner, String deviceId) {
        for (JsonNode credential : vigie.admin().get("/users/" + practitioner.userId() + "/credentials")) {
            if (deviceId.equals(credential.path("id").asText())) {
                return org.vigie.it.support.AdminApi.parse(credential.path("credentialData").asText());
            }
        }
        throw new AssertionError("no device " + deviceId);
    }

    /** Two threads of anonymous enrolment attempts (bounded, loopback only) until the guesses are answered. */
    private static List<Thread> anonymousLoad(AtomicBoolean running) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                DeviceClient stranger = vigie.newDevice(KeyType.P256);
                for (int i = 0; i < 2000 && running.get(); i++) {
                    String base = "18" + String.format("%08d", (int) (Math.random() * 100_000_000));
                    stranger.enroll(base + org.vigie.identifier.Luhn.checkDigit(base), "AAAA-AAAA-AAAA", "4827", null);
                }
            }, "anonymous-load-" + t);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    @Test
    void concurrentWrongActivationCodesAreEachCountedAndNeverAnswer500() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        List<HttpResult> answers = concurrentEnrolments(practitioner, List.of("AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB",
                "CCCC-CCCC-CCCC", "DDDD-DDDD-DDDD"));
        for (HttpResult answer : answers) {
            assertEquals(401, answer.status(), answers.toString());
            assertEquals("invalid_activation_code", answer.error());
        }
        assertEquals(4, storedCode(practitioner).path("attempts").asInt(), "each of the 4 wrong codes counted");
        // The right one still works: the address has a fifth try.
        assertTrue(vigie.newDevice(KeyType.P256).enroll(practitioner.rpps(), code, Vigie.PIN, null).ok());

        Practitioner other = vigie.newPractitioner();
        String otherCode = vigie.activationCode(other);
        List<String> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add("AAAA-AAAA-AAA" + i);
        }
        List<HttpResult> burst = concurrentEnrolments(other, eight);
        int exhausted = 0;
        for (HttpResult answer : burst) {
            assertTrue(answer.status() == 401 || answer.status() == 429, "401 or 429, never 500: " + burst);
            exhausted += "too_many_attempts".equals(answer.error()) ? 1 : 0;
        }
        assertEquals(3, exhausted, "exactly 5 of the 8 evaluated, the 3 others refused before: " + burst);
        assertEquals(5, storedCode(other).path("attempts").asInt(), "each evaluated attempt counted once");
        assertEquals(429, vigie.newDevice(KeyType.P256).enroll(other.rpps(), otherCode, Vigie.PIN, null).status(),
                "this address has no try left at this code, even under concurrency");
    }

    @Test
    void fiveDevicesRedeemingTheRightCodeAtOnceEnrolExactlyOne() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        String code = vigie.activationCode(practitioner);
        List<HttpResult> answers = concurrentEnrolments(practitioner, List.of(code, code, code, code, code));
        int created = 0;
        for (HttpResult answer : answers) {
            if (answer.status() == 201) {
                created++;
            } else {
                assertTrue(answer.status() >= 400 && answer.status() < 500, "a 4xx, never 500: " + answers);
                assertTrue(answer.json().path("error").isTextual(), answer.toString());
            }
        }
        assertEquals(1, created, answers.toString());
        int devices = 0;
        for (JsonNode credential : vigie.admin().get("/users/" + practitioner.userId() + "/credentials")) {
            devices += "vigie-device".equals(credential.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, devices, "exactly one device enrolled");
    }

    private static List<HttpResult> concurrentEnrolments(Practitioner practitioner, List<String> codes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(codes.size());
        try {
            List<Callable<HttpResult>> calls = new ArrayList<>();
            for (String code : codes) {
                DeviceClient device = vigie.newDevice(KeyType.P256);
                calls.add(() -> {
                    EnrolmentResult result = device.enroll(practitioner.rpps(), code, Vigie.PIN, null);
                    return result.http();
                });
            }
            List<HttpResult> answers = new ArrayList<>();
            for (Future<HttpResult> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode storedCode(Practitioner practitioner) {
        for (JsonNode credential : vigie.admin().get("/users/" + practitioner.userId() + "/credentials")) {
            if ("vigie-activation-code".equals(credential.path("type").asText())) {
                return org.vigie.it.support.AdminApi.parse(credential.path("credentialData").asText());
            }
        }
        throw new AssertionError("no outstanding code: " + Map.of("user", practitioner.userId()));
    }
}
