package org.vigie.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHALLENGE = """
            {"id":"ch-1","clientId":"vigie-demo","clientName":"Service de démonstration Vigie","createdAt":1763800000,\
            "expiresAt":1763800120,"ipAddress":"203.0.113.7","userAgent":"Mozilla/5.0","codeMode":"type","codeChoices":[]}""";

    @TempDir
    Path tmp;

    private FakeDeviceApi api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        api = new FakeDeviceApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(new String[] {}, "Missing command."),
                Arguments.of(new String[] {"frobnicate"}, "Unknown command: frobnicate."),
                Arguments.of(new String[] {"enroll", "--identifier", "10001045367", "--code", "K7QX"}, "Missing --pin for enroll."),
                Arguments.of(new String[] {"approve", "--pin", "4827"}, "Missing --code for approve."),
                Arguments.of(new String[] {"approve", "--code", "4930277", "--pin"}, "Missing value for --pin."),
                Arguments.of(new String[] {"pending", "--code", "4930277"}, "Unknown option --code for pending."),
                Arguments.of(new String[] {"deny", "ch-1"}, "Unexpected argument: ch-1"),
                Arguments.of(new String[] {"deny", "--challenge", "a", "--challenge", "b"}, "Option --challenge given twice."),
                Arguments.of(new String[] {"enroll", "--identifier", "1", "--code", "K", "--pin", "4827", "--key-type", "rsa"},
                        "Unknown key type rsa: use p256 or ed25519."),
                Arguments.of(new String[] {"wait", "--timeout", "soon"}, "--timeout takes a positive number of seconds."));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitOneWithoutCallingTheServer(String[] args, String message) {
        String[] withStore = Stream.concat(Stream.of(args), args.length == 0 ? Stream.empty()
                : Stream.of("--store", tmp.toString(), "--server", api.server())).toArray(String[]::new);

        assertEquals(1, run(withStore));

        assertTrue(err().startsWith(message + "\n"), err());
        assertTrue(err().contains("--help"));
        assertEquals("", out());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage: "));

        out.reset();
        assertEquals(0, run("approve", "--help"));
        assertTrue(out().contains("approve --pin PIN --code CODE [--challenge ID]"));
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        CliArguments arguments = CliArguments.parse("approve", "--pin=4827", "--code", "4930277");

        assertEquals(CliArguments.Command.APPROVE, arguments.command());
        assertEquals(Map.of("pin", "4827", "code", "4930277"), arguments.options());
    }

    @Test
    void enrollSavesTheKeyAndLaterCommandsUseIt() throws Exception {
        api.answer("POST", "/enroll", 201, "{\"deviceId\":\"dev-1\",\"userId\":\"user-1\",\"nationalId\":\"810001045367\"}")
                .answer("GET", "/challenges", 200, "{\"challenges\":[" + CHALLENGE + "]}")
                .answer("POST", "/decision", 200, "{\"status\":\"approved\",\"challenge\":\"ch-1\"}");

        assertEquals(0, run("enroll", "--identifier", "10001045367", "--code", "K7QX-M2PA-9DZT", "--pin", "4827",
                "--name", "CLI", "--key-type", "ed25519", "--server", api.server(), "--realm", FakeDeviceApi.REALM,
                "--store", tmp.toString()), err());

        assertTrue(out().contains("dev-1"), out());
        Device device = new DeviceStore(tmp).load();
        assertEquals("dev-1", device.deviceId());
        assertEquals(api.server(), device.server());
        assertEquals(KeyType.ED25519, KeyType.of(device.key()));
        com.nimbusds.jose.JWSObject proof = com.nimbusds.jose.JWSObject.parse(api.last().body());
        assertEquals(device.key().toPublicJWK(), proof.getHeader().getJWK());
        JsonNode enrolment = JSON.readTree(proof.getPayload().toString());
        assertEquals("CLI", enrolment.get("deviceName").asText());

        // No --server nor --realm from here on: the store remembers them.
        out.reset();
        assertEquals(0, run("pending", "--store", tmp.toString()), err());
        assertEquals(JSON.readTree(CHALLENGE), JSON.readTree(out().strip()));
        assertEquals(1, out().lines().count());

        out.reset();
        assertEquals(0, run("approve", "--pin", "4827", "--code", "4930277", "--store", tmp.toString()), err());
        assertEquals("approved\n", out());
        FakeDeviceApi.Request decision = api.last();
        // A typed code names the login by itself: no challenge id, no listing first.
        assertEquals("/realms/test/vigie-device/decision", decision.path());
        Map<String, Object> claims = Jose.verified(decision.body(), device.key().toPublicJWK()).getPayload().toJSONObject();
        assertEquals("approve", claims.get("decision"));
        assertEquals("4930277", claims.get("code"));
        assertFalse(claims.containsKey("pin"), "the PIN never leaves the phone");
        assertEquals(PinProof.of(device.pinKey(), "4827"), claims.get("pinProof"));
    }

    @Test
    void refusedEnrolmentSavesNothing() {
        api.answer("POST", "/enroll", 401, "{\"error\":\"invalid_activation_code\",\"error_description\":\"Invalid code\"}");

        assertEquals(1, run("enroll", "--identifier", "10001045367", "--code", "WRONG", "--pin", "4827",
                "--server", api.server(), "--realm", FakeDeviceApi.REALM, "--store", tmp.toString()));

        assertEquals("Refused (HTTP 401): invalid_activation_code: Invalid code\n", err());
        assertFalse(new DeviceStore(tmp).exists());
    }

    @Test
    void reportDecidesFraudOnTheGivenChallenge() throws Exception {
        enrolled();
        api.answer("POST", "/challenges/ch-9/decision", 200, "{\"status\":\"reported\"}");

        assertEquals(0, run("report", "--challenge", "ch-9", "--store", tmp.toString()), err());

        assertEquals("reported\n", out());
        assertEquals(1, api.requests().size());
        Map<String, Object> claims = JWSObject.parse(api.last().body()).getPayload().toJSONObject();
        assertEquals("fraud", claims.get("decision"));
        assertFalse(claims.containsKey("pin"));
        assertFalse(claims.containsKey("code"));
    }

    @Test
    void serverRefusalIsPrintedWithItsDescription() {
        enrolled();
        api.answer("POST", "/challenges/ch-1/decision", 422,
                "{\"error\":\"wrong_pin\",\"error_description\":\"PIN incorrect\",\"remaining_attempts\":3}");

        assertEquals(1, run("approve", "--challenge", "ch-1", "--pin", "0000", "--code", "4930277", "--store", tmp.toString()));

        assertEquals("Refused (HTTP 422): wrong_pin: PIN incorrect (3 attempts left)\n", err());
        assertEquals("", out());
    }

    @Test
    void withoutChallengeIdNeedsAPendingOne() {
        enrolled();
        api.answer("GET", "/challenges", 200, "{\"challenges\":[]}");

        assertEquals(1, run("deny", "--store", tmp.toString()));

        assertEquals("No pending challenge.\n", err());
        assertEquals(1, api.requests().size());
    }

    @Test
    void withoutChallengeIdRefusesToGuessAmongSeveral() {
        enrolled();
        api.answer("GET", "/challenges", 200, "{\"challenges\":[" + CHALLENGE + "," + CHALLENGE.replace("ch-1", "ch-2") + "]}");

        assertEquals(1, run("deny", "--store", tmp.toString()));

        assertEquals("2 pending challenges: pass --challenge ID.\n", err());
        assertEquals(1, api.requests().size());
    }

    @Test
    void approveWithATypedCodeNeedsNoChallengeIdAmongSeveral() throws Exception {
        enrolled();
        api.answer("POST", "/decision", 200, "{\"status\":\"approved\",\"challenge\":\"ch-2\"}");

        assertEquals(0, run("approve", "--pin", "4827", "--code", "4930277", "--store", tmp.toString()), err());

        assertEquals("approved\n", out());
        assertEquals(1, api.requests().size());
        Map<String, Object> claims = JWSObject.parse(api.last().body()).getPayload().toJSONObject();
        assertEquals("4930277", claims.get("code"));
        assertFalse(claims.containsKey("cid"));
    }

    @Test
    void waitPrintsTheFirstChallengeToShowUp() throws Exception {
        enrolled();
        api.answer("GET", "/challenges", 200, "{\"challenges\":[]}")
                .answer("GET", "/challenges", 200, "{\"challenges\":[" + CHALLENGE + "]}");

        assertEquals(0, run("wait", "--timeout", "5", "--store", tmp.toString()), err());

        assertEquals(JSON.readTree(CHALLENGE), JSON.readTree(out()));
        assertEquals(2, api.requests().size());
    }

    @Test
    void waitGivesUpAfterTheTimeout() {
        enrolled();
        api.answer("GET", "/challenges", 200, "{\"challenges\":[]}");

        assertEquals(1, run("wait", "--timeout", "1", "--store", tmp.toString()));

        assertEquals("No challenge within 1 s.\n", err());
        assertEquals("", out());
    }

    @Test
    void commandsBeforeEnrolmentExitOne() {
        assertEquals(1, run("pending", "--store", tmp.resolve("nothing").toString()));

        assertTrue(err().contains("run enroll first"), err());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void unreachableServerExitsTwo() {
        enrolled();
        api.close();

        assertEquals(2, run("pending", "--store", tmp.toString()));

        assertTrue(err().startsWith("Cannot reach " + api.baseUrl()), err());
    }

    @Test
    void aCibaLoginIsListedWithItsBindingMessageAndApprovedWithItsOneCode() throws Exception {
        enrolled();
        String ciba = """
                {"id":"ch-7","clientId":"vigie-ciba-demo","clientName":"Accueil","createdAt":1763800000,\
                "expiresAt":1763800120,"ipAddress":"203.0.113.9","userAgent":"","codeMode":"pick","codeChoices":["42"],\
                "purpose":"ciba","ciba":{"bindingMessage":"Guichet-3"}}""";
        api.answer("GET", "/challenges", 200, "{\"challenges\":[" + ciba + "]}")
                .answer("POST", "/challenges/ch-7/decision", 200, "{\"status\":\"approved\",\"challenge\":\"ch-7\"}");

        PendingChallenge listed = new DeviceClient(api.baseUrl(), new DeviceStore(tmp).load().key(), "dev-1", "user-1")
                .pending().challenges().get(0);
        assertEquals("ciba", listed.purpose());
        assertEquals("Guichet-3", listed.bindingMessage());
        assertEquals(null, PendingChallenge.from(JSON.readTree(CHALLENGE)).bindingMessage(), "a browser login has none");

        assertEquals(0, run("approve", "--pin", "4827", "--code", "42", "--store", tmp.toString()), err());
        assertEquals("approved\n", out());
        Map<String, Object> claims = JWSObject.parse(api.last().body()).getPayload().toJSONObject();
        assertEquals("ch-7", claims.get("cid"));
        assertEquals("42", claims.get("code"));
    }

    @Test
    void usageErrorsAreNotServerErrors() {
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("approve"));
    }

    private void enrolled() {
        new DeviceStore(tmp).save(new Device(api.server(), FakeDeviceApi.REALM, "dev-1", "user-1",
                DeviceClient.generateKey(KeyType.P256)));
    }

    @Test
    void rotateKeySignsWithBothKeysAndStoresTheNewOneOnlyWhenTheServerTookIt() throws Exception {
        JWK old = DeviceClient.generateKey(KeyType.P256);
        DeviceStore store = new DeviceStore(tmp);
        store.save(new Device(api.server(), FakeDeviceApi.REALM, "dev-1", "user-1", old, PinProof.newKey()));
        api.answer("POST", "/key", 401, "{\"error\":\"invalid_token\",\"error_description\":\"replaced\"}")
                .answer("POST", "/key", 200, "{\"deviceId\":\"dev-1\",\"keyThumbprint\":\"T\"}");

        assertEquals(1, run("rotate-key", "--pin", "4827", "--store", tmp.toString()));
        assertEquals(old, store.load().key(), "refused: the old key is kept");
        assertFalse(java.nio.file.Files.exists(store.pendingKeyFile()));

        assertEquals(0, run("rotate-key", "--pin", "4827", "--key-type", "ed25519", "--store", tmp.toString()), err());
        JWK rotated = store.load().key();
        assertEquals(KeyType.ED25519, KeyType.of(rotated));
        assertFalse(java.nio.file.Files.exists(store.pendingKeyFile()));
        // The request: signed by the old key, carrying the new key's proof of the same jti.
        JWSObject request = JWSObject.parse(api.last().body());
        assertEquals("dev-1", request.getHeader().getKeyID());
        assertTrue(request.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(old.toECKey())));
        Map<String, Object> claims = request.getPayload().toJSONObject();
        JWSObject proof = JWSObject.parse((String) claims.get("newKeyProof"));
        assertEquals("vigie-new-key+jwt", proof.getHeader().getType().getType());
        assertEquals(rotated.toPublicJWK(), proof.getHeader().getJWK());
        assertTrue(proof.verify(new com.nimbusds.jose.crypto.Ed25519Verifier(rotated.toOctetKeyPair().toPublicJWK())));
        assertEquals(claims.get("jti"), proof.getPayload().toJSONObject().get("jti"));
        assertEquals("dev-1", proof.getPayload().toJSONObject().get("did"));
        assertEquals(PinProof.of(store.load().pinKey(), "4827"), claims.get("pinProof"), "the PIN, as a proof, signed by the old key");
        assertFalse(claims.containsKey("pin"));
    }

    private int run(String... args) {
        return new DeviceCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
