package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.AdminApi;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.simulator.DecisionResult;
import org.vigie.simulator.Device;
import org.vigie.simulator.DeviceCli;
import org.vigie.simulator.DeviceStore;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.PushClient;
import org.vigie.simulator.WebPushReceiver;

/**
 * Web Push against a receiver on the loopback address that plays the push service and the phone:
 * it decrypts each payload with the subscription's private key and auth secret (RFC 8291) and
 * checks the VAPID JWT (RFC 8292) against the key the server gives the app.
 */
class WebPushIT {

    /** How long a test waits for something the server does in the background, at most (not a measure). */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static KeycloakServer server;
    static Vigie vigie;

    @BeforeAll
    static void server() {
        server = KeycloakServer.get();
        vigie = new Vigie(server);
        vigie.clock(0);
    }

    @Test
    void aLoginWakesTheDeviceWithAnEncryptedSignedPushNamingOnlyTheChallenge() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        HttpResult settings = push.settings();
        assertEquals(200, settings.status(), settings.toString());
        assertEquals("webpush", settings.json().path("provider").asText());
        assertTrue(settings.json().path("registered").isMissingNode(), settings.toString());
        String vapidKey = settings.json().path("vapidPublicKey").asText();
        assertEquals(87, vapidKey.length(), "65-byte uncompressed P-256 point in base64url: " + vapidKey);
        assertEquals(vapidKey, new PushClient(vigie.enrolledDevice(vigie.newPractitioner())).vapidPublicKey(),
                "one VAPID key pair per realm");

        try (WebPushReceiver receiver = new WebPushReceiver(0).expectServerKey(vapidKey)) {
            HttpResult registered = push.registerWebPush(receiver.endpoint(), receiver.p256dh(), receiver.auth());
            assertEquals(200, registered.status(), registered.toString());
            assertEquals("registered", registered.json().path("status").asText());
            assertEquals("webpush", push.settings().json().path("registered").path("type").asText());

            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            WebPushReceiver.Received received = receiver.next(PATIENCE).orElseThrow(() -> new AssertionError("no push"));
            assertTrue(received.valid(), received.problems().toString());
            JsonNode payload = AdminApi.parse(received.payload());
            assertEquals(Map.of("type", "vigie.challenge", "challenge", login.challengeId()),
                    Map.of("type", payload.path("type").asText(), "challenge", payload.path("challenge").asText()));
            assertEquals(2, payload.size(), "an opaque reference only: " + received.payload());
            assertFalse(received.payload().contains(practitioner.rpps()), received.payload());
            long ttl = Long.parseLong(received.ttl());
            assertTrue(ttl > 0 && ttl <= 120, "TTL within the challenge's life: " + ttl);
            assertEquals("high", received.urgency());
            assertNotNull(received.vapid().getSubject());

            // The app fetches the details through the signed device API, then decides.
            assertEquals("vigie-demo", Vigie.listed(device, login.challengeId()).clientId());
            DecisionResult approved = device.approveByCode(login.code(), Vigie.PIN);
            assertTrue(approved.ok(), approved.http().toString());
            login.submitWaitingForm();
            assertTrue(login.reachedRelyingParty(), login.page().text());
        }
    }

    @Test
    void aSubscriptionThePushServiceSaysIsGoneIsClearedAndTheLoginStillWorks() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        try (WebPushReceiver receiver = new WebPushReceiver(0).expectServerKey(push.vapidPublicKey()).answer(410)) {
            assertTrue(push.registerWebPush(receiver.endpoint(), receiver.p256dh(), receiver.auth()).ok());
            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            assertTrue(receiver.next(PATIENCE).orElseThrow().valid());

            JsonNode gone = eventually(() -> event(practitioner, "UPDATE_CREDENTIAL", "push_endpoint_gone"));
            assertEquals(device.deviceId(), gone.path("details").path("vigie_device").asText());
            assertEquals("410", gone.path("details").path("vigie_push_status").asText());
            assertTrue(push.settings().json().path("registered").isMissingNode(), "the endpoint was cleared");

            assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
            login.submitWaitingForm();
            assertTrue(login.reachedRelyingParty(), login.page().text());
        }
    }

    @Test
    void anUnreachableEndpointLeavesTheLoginToThePollAndTheFailureIsAnEvent() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        String endpoint;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            endpoint = "http://127.0.0.1:" + free.getLocalPort() + "/push/nobody-listens";
        }
        try (WebPushReceiver keys = new WebPushReceiver(0)) {
            assertTrue(push.registerWebPush(endpoint, keys.p256dh(), keys.auth()).ok());
        }
        Login login = new Login(server).typeIdentifier(practitioner.rpps());
        assertEquals("pending", login.status().get("status").asText(), "the page does not wait for the push");

        JsonNode failed = eventually(() -> event(practitioner, "LOGIN_ERROR", "push_failed"));
        assertEquals(login.challengeId(), failed.path("details").path("vigie_challenge").asText());
        assertEquals("webpush", failed.path("details").path("vigie_push_provider").asText());
        assertEquals("4", failed.path("details").path("vigie_push_attempts").asText(), failed.toString());
        assertEquals("0", failed.path("details").path("vigie_push_status").asText(), "no answer at all");
        assertEquals("webpush", push.settings().json().path("registered").path("type").asText(),
                "an endpoint that does not answer is not one that is gone: kept");

        // Nothing lost: the poll still lists the login, and it is approved as usual.
        assertEquals(login.challengeId(), Vigie.onlyPending(device).id());
        assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
        login.submitWaitingForm();
        assertTrue(login.reachedRelyingParty(), login.page().text());
    }

    @Test
    void theSimulatorsWaitListensOnAWebPushEndpointInsteadOfPolling() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("vigie-push-device");
        new DeviceStore(dir).save(new Device(server.baseUrl(), KeycloakServer.REALM, device.deviceId(), device.userId(),
                device.key(), device.pinKey()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService phone = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> waiting = phone.submit(() -> new DeviceCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                    .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofSeconds(server.clockOffset())))
                    .run("wait", "--push-port", "0", "--timeout", "60", "--store", dir.toString()));
            eventually(() -> {
                if (waiting.isDone()) {
                    throw new AssertionError("wait ended before any login: " + err.toString(StandardCharsets.UTF_8));
                }
                return push.settings().json().path("registered").isMissingNode() ? Optional.empty() : Optional.of(true);
            });

            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            assertEquals(0, waiting.get(90, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(login.challengeId(), AdminApi.parse(printed.strip()).path("id").asText(), printed);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("Push received for challenge " + login.challengeId()),
                    err.toString(StandardCharsets.UTF_8));
            assertTrue(push.settings().json().path("registered").isMissingNode(), "the endpoint ends with the command");
        } finally {
            phone.shutdownNow();
        }
    }

    @Test
    void endpointsThatTrickleTheirAnswerDoNotHoldUpAnotherPractitionersPush() throws Exception {
        java.util.List<Practitioner> strangers = java.util.List.of(vigie.newPractitioner(), vigie.newPractitioner());
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        try (TricklingEndpoint slow = new TricklingEndpoint();
             WebPushReceiver keys = new WebPushReceiver(0);
             WebPushReceiver receiver = new WebPushReceiver(0).expectServerKey(push.vapidPublicKey())) {
            // As many trickling devices as the node has push threads.
            for (int i = 0; i < strangers.size(); i++) {
                PushClient theirs = new PushClient(vigie.enrolledDevice(strangers.get(i)));
                assertTrue(theirs.registerWebPush(slow.endpoint(i), keys.p256dh(), keys.auth()).ok());
            }
            assertTrue(push.registerWebPush(receiver.endpoint(), receiver.p256dh(), receiver.auth()).ok());
            for (Practitioner stranger : strangers) {
                new Login(server).typeIdentifier(stranger.rpps());
            }
            assertTrue(slow.answering.tryAcquire(2, PATIENCE.toSeconds(), TimeUnit.SECONDS), "the slow pushes were sent");

            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            WebPushReceiver.Received received = receiver.next(PATIENCE).orElseThrow(() -> new AssertionError("push held up"));
            assertTrue(received.valid(), received.problems().toString());
            assertTrue(AdminApi.parse(received.payload()).path("challenge").asText().equals(login.challengeId()));
            assertTrue(slow.open() > 0, "the trickling endpoints were still answering");
        }
    }

    /** A push service that sends its headers, one byte of body, then nothing, never closing. */
    static final class TricklingEndpoint implements AutoCloseable {
        final java.util.concurrent.Semaphore answering = new java.util.concurrent.Semaphore(0);
        private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::serve, "trickling-endpoint");

        TricklingEndpoint() throws java.io.IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint(int i) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/push/slow-" + i;
        }

        long open() {
            return held.stream().filter(s -> !s.isClosed()).count();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    java.net.Socket client = socket.accept();
                    held.add(client);
                    Thread reader = new Thread(() -> answerSlowly(client), "trickling-answer");
                    reader.setDaemon(true);
                    reader.start();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        private void answerSlowly(java.net.Socket client) {
            try {
                java.io.InputStream in = client.getInputStream();
                int last4 = 0;
                while (last4 != 0x0d0a0d0a) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    last4 = (last4 << 8) | b;
                }
                client.getOutputStream().write(("HTTP/1.1 201 Created\r\nContent-Length: 1000000\r\n\r\nx")
                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                answering.release();
            } catch (java.io.IOException e) {
                // The server gave up on this exchange: what it should do.
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            for (java.net.Socket client : held) {
                client.close();
            }
        }
    }

    @Test
    void anOperatorsVapidPairThatIsNotOneGivesTheAppAClearAnswer() throws Exception {
        PushClient push = new PushClient(vigie.enrolledDevice(vigie.newPractitioner()));
        Map<String, String> previous = vigie.approvalConfig(Map.of("pushVapidPublicKey", "AAAA", "pushVapidPrivateKey", "AAAA"));
        try {
            HttpResult settings = push.settings();
            assertRefused(503, "temporarily_unavailable", settings);
            assertFalse(settings.toString().contains("AAAA"), settings.toString());
        } finally {
            vigie.restoreApprovalConfig(previous);
        }
        assertEquals(200, push.settings().status());
    }

    @Test
    void registrationsAreSignedAndChecked() throws Exception {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        try (WebPushReceiver receiver = new WebPushReceiver(0)) {
            String p256dh = receiver.p256dh();
            String auth = receiver.auth();
            assertRefused(400, "invalid_request", push.registerWebPush("http://push.example.org/x", p256dh, auth));
            assertRefused(400, "invalid_request", push.registerWebPush("https://user:pw@push.example.org/x", p256dh, auth));
            assertRefused(400, "invalid_request", push.registerWebPush("https://push.example.org/x", auth, auth));
            assertRefused(400, "invalid_request", push.registerWebPush("https://push.example.org/x", p256dh, "short"));
            assertRefused(400, "invalid_request", push.registerFcm("a-token"));
            assertRefused(400, "invalid_request", push.register("webpush"));
            assertRefused(401, "invalid_token", device.send("POST", "/push", DeviceClient.JOSE_TYPE, "not-a-jws", null));
            assertRefused(401, "invalid_token", device.get("/push", null));

            Map<String, Object> claims = push.claims(Map.of("type", "webpush", "endpoint", "https://push.example.org/sub/1",
                    "p256dh", p256dh, "auth", auth));
            String signed = device.decisionJws(claims);
            assertEquals(200, device.send("POST", "/push", DeviceClient.JOSE_TYPE, signed, null).status());
            assertRefused(409, "replayed", device.send("POST", "/push", DeviceClient.JOSE_TYPE, signed, null));
            assertEquals("webpush", push.settings().json().path("registered").path("type").asText());

            HttpResult removed = push.unregister();
            assertEquals("unregistered", removed.json().path("status").asText(), removed.toString());
            assertTrue(push.settings().json().path("registered").isMissingNode());
            assertTrue(event(practitioner, "UPDATE_CREDENTIAL", "push_unregistered").isPresent());
        }
    }

    private static void assertRefused(int status, String error, HttpResult result) {
        assertEquals(status, result.status(), result.toString());
        assertEquals(error, result.error(), result.toString());
    }

    static Optional<JsonNode> event(Practitioner practitioner, String type, String reason) {
        for (JsonNode event : vigie.userEvents(practitioner)) {
            if (type.equals(event.path("type").asText()) && reason.equals(event.path("details").path("vigie_reason").asText())) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** What the server does after the login's transaction, once it has done it (within {@link #PATIENCE}). */
    static <T> T eventually(Supplier<Optional<T>> check) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Optional<T> found = check.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not seen within " + PATIENCE);
            }
            Thread.sleep(200);
        }
    }
}
