package org.vigie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.it.support.FcmEndpoint;
import org.vigie.it.support.KeycloakServer;
import org.vigie.it.support.Login;
import org.vigie.it.support.Vigie;
import org.vigie.it.support.Vigie.Practitioner;
import org.vigie.launcher.Distribution;
import org.vigie.simulator.DeviceClient;
import org.vigie.simulator.HttpResult;
import org.vigie.simulator.PushClient;

/**
 * A server of its own started as production is (no {@code [tests]} section, so without
 * {@code --spi-vigie-push-webpush-allow-private-endpoints}) and with Keycloak's file vault
 * ({@code --vault=file --vault-dir=…}): private push endpoints are refused at registration, and the
 * FCM service-account key is read from the vault when a push is sent. One server start for both.
 *
 * <p>Ports: {@code vigie.it.second.http-port} and {@code vigie.it.second.management-port}.
 */
class ProductionPushIT {

    /** The vault entry the approval step's setting names: {@code ${vault.vigiefcm}}. */
    static final String VAULT_ENTRY = "vigiefcm";
    static final String P256DH = "BOr0sBhQ3B2T7m1oGxsDcoEBe5pQq8GdqVbMqvFNJnV9ZpL5VKcWDgWwjBB2dcWn2OLUKQ8O7rEdD4O4u5Rbnf8";
    static final String AUTH = "AAAAAAAAAAAAAAAAAAAAAA";

    static Path workDir;
    static KeycloakServer server;
    static Vigie vigie;
    static FcmEndpoint fcm;

    @BeforeAll
    static void start() throws Exception {
        workDir = Path.of(System.getProperty("vigie.work.dir")).resolveSibling("production");
        Distribution.deleteTree(workDir);
        Path home = workDir.resolve("dist");
        Distribution.copy(KeycloakServer.distribution(), home);
        fcm = new FcmEndpoint();
        // Keycloak's file vault: one file per secret, named <realm>_<entry> (underscores in either doubled).
        Path vault = Files.createDirectories(workDir.resolve("vault"));
        Files.writeString(vault.resolve(KeycloakServer.REALM + "_" + VAULT_ENTRY), fcm.serviceAccountJson());
        server = KeycloakServer.withoutTestOptions("production", home, workDir,
                Integer.getInteger("vigie.it.second.http-port", 8196), Integer.getInteger("vigie.it.second.management-port", 9196),
                List.of("--vault=file", "--vault-dir=" + vault.toAbsolutePath()));
        server.start();
        vigie = new Vigie(server);
        vigie.clock(0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (fcm != null) {
            fcm.close();
        }
        if (workDir != null) {
            Distribution.deleteTree(workDir.resolve("dist")); // the logs stay
        }
    }

    @Test
    void privatePushEndpointsAreRefusedAtRegistration() {
        Practitioner practitioner = vigie.newPractitioner();
        DeviceClient device = vigie.enrolledDevice(practitioner);
        PushClient push = new PushClient(device);
        assertEquals("webpush", push.settings().json().path("provider").asText(), push.settings().toString());
        for (String endpoint : List.of("http://127.0.0.1:8080/push/1", "https://127.0.0.1/push/1", "https://10.1.2.3/push/1",
                "https://192.168.0.10/push/1", "https://169.254.169.254/latest", "https://[::1]/push/1", "https://[fd00::1]/push/1",
                "https://0.0.0.0/push/1")) {
            HttpResult refused = push.registerWebPush(endpoint, P256DH, AUTH);
            assertEquals(400, refused.status(), endpoint + ": " + refused);
            assertEquals("invalid_request", refused.error(), endpoint + ": " + refused);
            assertTrue(refused.json().path("error_description").asText().contains("private addresses"), refused.toString());
        }
        assertTrue(push.settings().json().path("registered").isMissingNode(), "nothing was registered");
        // Control: a public endpoint is accepted by the same server.
        HttpResult accepted = push.registerWebPush("https://push.example.org/wpush/v2/abc", P256DH, AUTH);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("webpush", push.settings().json().path("registered").path("type").asText());
    }

    @Test
    void theFcmServiceAccountKeyIsReadFromTheVault() throws Exception {
        Map<String, String> previous = vigie.approvalConfig(Map.of(
                "pushProvider", "fcm",
                "pushFcmServiceAccount", "${vault." + VAULT_ENTRY + "}",
                "pushFcmSendUrl", fcm.sendUrl()));
        try {
            Practitioner practitioner = vigie.newPractitioner();
            DeviceClient device = vigie.enrolledDevice(practitioner);
            PushClient push = new PushClient(device);
            String token = "fcm-token:" + practitioner.rpps();
            assertTrue(push.registerFcm(token).ok());

            Login login = new Login(server).typeIdentifier(practitioner.rpps());
            // The endpoint checks the OAuth assertion against the service account's public key: only
            // the private key in the vault file signs one it accepts, and the realm holds only its name.
            FcmEndpoint.Message message = fcm.next(WebPushIT.PATIENCE).orElseThrow(() -> new AssertionError("no FCM message"));
            assertTrue(fcm.tokenProblems().isEmpty(), fcm.tokenProblems().toString());
            assertTrue(message.problems().isEmpty(), message.problems().toString());
            assertEquals(token, message.token());
            assertEquals(login.challengeId(), message.data().path("challenge").asText());
            assertEquals("${vault." + VAULT_ENTRY + "}", vigie.approvalConfig(Map.of()).get("pushFcmServiceAccount"));

            assertTrue(device.approveByCode(login.code(), Vigie.PIN).ok());
            login.submitWaitingForm();
            assertTrue(login.reachedRelyingParty(), login.page().text());
        } finally {
            vigie.restoreApprovalConfig(previous);
        }
    }
}
