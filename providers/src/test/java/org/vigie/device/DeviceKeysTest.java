package org.vigie.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.credential.CredentialModel;

class DeviceKeysTest {

    /** RFC 8037 appendix A.1 to A.4: an Ed25519 key, its thumbprint and a JWS it signed. */
    private static final String RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    private static final String RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private static ECKey p256;
    private static ECKey otherP256;
    private static OctetKeyPair ed25519;
    private static OctetKeyPair otherEd25519;

    @BeforeAll
    static void keys() throws JOSEException {
        p256 = new ECKeyGenerator(Curve.P_256).generate();
        otherP256 = new ECKeyGenerator(Curve.P_256).generate();
        ed25519 = new OctetKeyPairGenerator(Curve.Ed25519).generate();
        otherEd25519 = new OctetKeyPairGenerator(Curve.Ed25519).generate();
    }

    // ---- accept ----

    @Test
    void acceptsAnEcP256PublicKeyForEs256() throws Exception {
        DeviceKeys.AcceptedKey accepted = DeviceKeys.accept(publicJson(p256));

        assertEquals("ES256", accepted.algorithm());
        assertEquals(DeviceKeys.ES256, accepted.algorithm());
        assertEquals(p256.toPublicJWK(), JWK.parse(accepted.publicJwk()));
        assertFalse(accepted.publicJwk().containsKey("d"));
        assertEquals(rfc7638("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + p256.getX() + "\",\"y\":\"" + p256.getY() + "\"}"),
                accepted.thumbprint());
    }

    @Test
    void acceptsAnEd25519PublicKeyForEdDsa() throws Exception {
        DeviceKeys.AcceptedKey accepted = DeviceKeys.accept(publicJson(ed25519));

        assertEquals("EdDSA", accepted.algorithm());
        assertEquals(DeviceKeys.EDDSA, accepted.algorithm());
        assertEquals(ed25519.toPublicJWK(), JWK.parse(accepted.publicJwk()));
        assertFalse(accepted.publicJwk().containsKey("d"));
        assertEquals(rfc7638("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + ed25519.getX() + "\"}"),
                accepted.thumbprint());
    }

    @Test
    void ed25519ThumbprintIsTheOneOfRfc8037() throws Exception {
        DeviceKeys.AcceptedKey accepted = DeviceKeys.accept(Map.of("kty", "OKP", "crv", "Ed25519", "x", RFC8037_X));
        assertEquals(RFC8037_THUMBPRINT, accepted.thumbprint());
        assertEquals("EdDSA", accepted.algorithm());
    }

    @Test
    void thumbprintIgnoresOptionalMembers() throws Exception {
        Map<String, Object> decorated = new HashMap<>(publicJson(p256));
        decorated.put("kid", "my phone");
        decorated.put("use", KeyUse.SIGNATURE.identifier());
        decorated.put("alg", "ES256");
        assertEquals(DeviceKeys.accept(publicJson(p256)).thumbprint(), DeviceKeys.accept(decorated).thumbprint());
    }

    @Test
    void differentKeysHaveDifferentThumbprints() throws Exception {
        assertNotEquals(DeviceKeys.accept(publicJson(p256)).thumbprint(), DeviceKeys.accept(publicJson(otherP256)).thumbprint());
        assertNotEquals(DeviceKeys.accept(publicJson(ed25519)).thumbprint(),
                DeviceKeys.accept(publicJson(otherEd25519)).thumbprint());
    }

    @Test
    void refusesPrivateKeys() {
        DeviceKeys.InvalidKeyException ec = assertThrows(DeviceKeys.InvalidKeyException.class,
                () -> DeviceKeys.accept(p256.toJSONObject()));
        assertTrue(ec.getMessage().contains("private"), ec.getMessage());
        DeviceKeys.InvalidKeyException okp = assertThrows(DeviceKeys.InvalidKeyException.class,
                () -> DeviceKeys.accept(ed25519.toJSONObject()));
        assertTrue(okp.getMessage().contains("private"), okp.getMessage());
        assertThrows(DeviceKeys.InvalidKeyException.class,
                () -> DeviceKeys.accept(Map.of("kty", "OKP", "crv", "Ed25519", "x", RFC8037_X, "d", RFC8037_D)));
    }

    static Stream<Arguments> otherKeyTypes() throws JOSEException {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        OctetSequenceKey oct = new OctetSequenceKeyGenerator(256).generate();
        return Stream.of(
                Arguments.of("EC P-384", publicJson(new ECKeyGenerator(Curve.P_384).generate())),
                Arguments.of("EC P-521", publicJson(new ECKeyGenerator(Curve.P_521).generate())),
                Arguments.of("EC secp256k1", publicJson(new ECKeyGenerator(Curve.SECP256K1).provider(new BouncyCastleProvider()).generate())),
                Arguments.of("RSA 2048", publicJson(rsa)),
                Arguments.of("OKP X25519", publicJson(new OctetKeyPairGenerator(Curve.X25519).generate())),
                Arguments.of("oct", oct.toJSONObject()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherKeyTypes")
    void refusesOtherKeyTypesAndCurves(String name, Map<String, Object> jwk) {
        assertThrows(DeviceKeys.InvalidKeyException.class, () -> DeviceKeys.accept(jwk));
    }

    static Stream<Arguments> garbage() {
        Map<String, Object> offCurve = new HashMap<>(publicJson(p256));
        offCurve.put("y", otherP256.getY().toString());
        Map<String, Object> missingY = new HashMap<>(publicJson(p256));
        missingY.remove("y");
        return Stream.of(
                Arguments.of("empty", Map.of()),
                Arguments.of("no kty", Map.of("crv", "P-256", "x", p256.getX().toString(), "y", p256.getY().toString())),
                Arguments.of("unknown kty", Map.of("kty", "banana")),
                Arguments.of("kty not a string", Map.of("kty", 5)),
                Arguments.of("not a JWK at all", Map.of("hello", "world")),
                Arguments.of("EC without y", missingY),
                Arguments.of("EC point not on P-256", offCurve),
                Arguments.of("EC coordinates not base64url", Map.of("kty", "EC", "crv", "P-256", "x", "!!!", "y", "???")),
                Arguments.of("OKP without x", Map.of("kty", "OKP", "crv", "Ed25519")),
                Arguments.of("crv not a string", Map.of("kty", "OKP", "crv", List.of("Ed25519"), "x", RFC8037_X)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void refusesWhatIsNotAUsableJwk(String name, Map<String, Object> jwk) {
        assertThrows(DeviceKeys.InvalidKeyException.class, () -> DeviceKeys.accept(jwk));
    }

    @Test
    void refusesAMissingKey() {
        assertThrows(DeviceKeys.InvalidKeyException.class, () -> DeviceKeys.accept(null));
    }

    // ---- verify ----

    @Test
    void es256SignatureByTheDeviceKeyVerifies() throws Exception {
        DeviceCredentialModel device = enrol(p256);
        assertTrue(DeviceKeys.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(p256)), device));
    }

    @Test
    void es256SignatureByAnotherKeyDoesNotVerify() throws Exception {
        DeviceCredentialModel device = enrol(p256);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(otherP256)), device));
    }

    @Test
    void eddsaSignatureByTheDeviceKeyVerifies() throws Exception {
        DeviceCredentialModel device = enrol(ed25519);
        assertTrue(DeviceKeys.verify(sign(JWSAlgorithm.EdDSA, new Ed25519Signer(ed25519)), device));
    }

    @Test
    void fullySpecifiedEd25519AlgorithmAlsoVerifies() throws Exception {
        DeviceCredentialModel device = enrol(ed25519);
        assertTrue(DeviceKeys.verify(sign(JWSAlgorithm.parse("Ed25519"), new Ed25519Signer(ed25519)), device));
    }

    @Test
    void eddsaSignatureByAnotherKeyDoesNotVerify() throws Exception {
        DeviceCredentialModel device = enrol(ed25519);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.EdDSA, new Ed25519Signer(otherEd25519)), device));
    }

    @Test
    void rfc8037ExampleVerifiesAgainstItsPublicKey() throws Exception {
        DeviceCredentialModel device = enrol(Map.of("kty", "OKP", "crv", "Ed25519", "x", RFC8037_X));
        JWSObject jws = JWSObject.parse(RFC8037_JWS);
        assertEquals("Example of Ed25519 signing", jws.getPayload().toString());
        assertTrue(DeviceKeys.verify(jws, device));
        assertFalse(DeviceKeys.verify(jws, enrol(ed25519)));
    }

    @Test
    void alteredPayloadDoesNotVerify() throws Exception {
        for (JWK key : List.of(p256, ed25519)) {
            DeviceCredentialModel device = enrol(key);
            JWSObject signed = key instanceof ECKey ec
                    ? sign(JWSAlgorithm.ES256, new ECDSASigner(ec))
                    : sign(JWSAlgorithm.EdDSA, new Ed25519Signer((OctetKeyPair) key));
            String[] parts = signed.serialize().split("\\.");
            String forged = parts[0] + "." + Base64URL.encode("{\"decision\":\"approved\",\"n\":2}") + "." + parts[2];
            assertTrue(DeviceKeys.verify(JWSObject.parse(signed.serialize()), device), key.getKeyType().toString());
            assertFalse(DeviceKeys.verify(JWSObject.parse(forged), device), key.getKeyType().toString());
        }
    }

    @Test
    void algorithmMustBeTheDevicesOne() throws Exception {
        // A device enrolled with EdDSA: an ES256 JWS is refused whoever signed it.
        DeviceCredentialModel edDevice = enrol(ed25519);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(p256)), edDevice));
        // And the other way round.
        DeviceCredentialModel ecDevice = enrol(p256);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.EdDSA, new Ed25519Signer(ed25519)), ecDevice));
    }

    @Test
    void es256HeaderOnAnEdDsaDeviceIsRefusedEvenWithTheDevicesOwnSignature() throws Exception {
        // Same bytes signed by the device key, only the header says ES256.
        DeviceCredentialModel device = enrol(ed25519);
        JWSObject honest = sign(JWSAlgorithm.EdDSA, new Ed25519Signer(ed25519));
        String[] parts = honest.serialize().split("\\.");
        String relabelledHeader = Base64URL.encode("{\"alg\":\"ES256\"}").toString();
        org.bouncycastle.crypto.signers.Ed25519Signer bc = new org.bouncycastle.crypto.signers.Ed25519Signer();
        bc.init(true, new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(ed25519.getDecodedD(), 0));
        byte[] input = (relabelledHeader + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        bc.update(input, 0, input.length);
        String relabelled = relabelledHeader + "." + parts[1] + "." + Base64URL.encode(bc.generateSignature());
        assertFalse(DeviceKeys.verify(JWSObject.parse(relabelled), device));
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        // The classic algorithm confusion: HS256 keyed with public material the attacker knows.
        DeviceCredentialModel device = enrol(p256);
        byte[] secret = DeviceKeys.accept(publicJson(p256)).thumbprint().getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[32];
        System.arraycopy(secret, 0, padded, 0, Math.min(secret.length, 32));
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.HS256, new MACSigner(padded)), device));
    }

    @Test
    void zeroEcdsaSignatureIsRefused() throws Exception {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 must never verify.
        DeviceCredentialModel device = enrol(p256);
        String header = Base64URL.encode("{\"alg\":\"ES256\"}").toString();
        String jws = header + "." + Base64URL.encode("{\"n\":1}") + "." + Base64URL.encode(new byte[64]);
        assertFalse(DeviceKeys.verify(JWSObject.parse(jws), device));
    }

    @Test
    void truncatedEd25519SignatureIsRefusedWithoutThrowing() throws Exception {
        DeviceCredentialModel device = enrol(ed25519);
        String[] parts = sign(JWSAlgorithm.EdDSA, new Ed25519Signer(ed25519)).serialize().split("\\.");
        byte[] signature = Base64URL.from(parts[2]).decode();
        byte[] truncated = java.util.Arrays.copyOf(signature, 63);
        assertFalse(DeviceKeys.verify(JWSObject.parse(parts[0] + "." + parts[1] + "." + Base64URL.encode(truncated)), device));
    }

    @Test
    void deviceWhoseStoredKeyDoesNotMatchItsAlgorithmVerifiesNothing() throws Exception {
        // An ES256 device record holding an Ed25519 key (corrupted or tampered row): false, not an exception.
        DeviceCredentialModel device = DeviceCredentialModel.create("phone", publicJson(ed25519), "ES256", "t", 0, null);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(p256)), device));
        DeviceCredentialModel garbage = DeviceCredentialModel.create("phone", Map.of("kty", "EC"), "ES256", "t", 0, null);
        assertFalse(DeviceKeys.verify(sign(JWSAlgorithm.ES256, new ECDSASigner(p256)), garbage));
    }

    @Test
    void verifiesAfterTheDeviceWasStoredAndReadBack() throws Exception {
        for (JWK key : List.of(p256, ed25519)) {
            DeviceCredentialModel created = enrol(key);
            CredentialModel row = new CredentialModel();
            row.setId("cred-1");
            row.setType(created.getType());
            row.setUserLabel(created.getUserLabel());
            row.setCreatedDate(created.getCreatedDate());
            row.setCredentialData(created.getCredentialData());
            row.setSecretData(created.getSecretData());
            DeviceCredentialModel read = DeviceCredentialModel.from(row);

            assertEquals(created.algorithm(), read.algorithm());
            assertEquals(created.thumbprint(), read.thumbprint());
            JWSObject good = key instanceof ECKey ec
                    ? sign(JWSAlgorithm.ES256, new ECDSASigner(ec))
                    : sign(JWSAlgorithm.EdDSA, new Ed25519Signer((OctetKeyPair) key));
            JWSObject bad = key instanceof ECKey
                    ? sign(JWSAlgorithm.ES256, new ECDSASigner(otherP256))
                    : sign(JWSAlgorithm.EdDSA, new Ed25519Signer(otherEd25519));
            assertTrue(DeviceKeys.verify(good, read), key.getKeyType().toString());
            assertFalse(DeviceKeys.verify(bad, read), key.getKeyType().toString());
        }
    }

    // ---- helpers ----

    private static Map<String, Object> publicJson(JWK key) {
        return new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
    }

    private static DeviceCredentialModel enrol(JWK key) throws DeviceKeys.InvalidKeyException {
        return enrol(publicJson(key));
    }

    private static DeviceCredentialModel enrol(Map<String, Object> jwk) throws DeviceKeys.InvalidKeyException {
        DeviceKeys.AcceptedKey accepted = DeviceKeys.accept(jwk);
        return DeviceCredentialModel.create("Test phone", accepted.publicJwk(), accepted.algorithm(), accepted.thumbprint(),
                1_700_000_000_000L, null);
    }

    private static JWSObject sign(JWSAlgorithm alg, JWSSigner signer) throws JOSEException, ParseException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).type(new JOSEObjectType("vigie-device+jwt")).build(),
                new Payload("{\"challenge\":\"abc\",\"decision\":\"denied\",\"n\":1}"));
        jws.sign(signer);
        // What the server sees: the compact serialisation parsed back.
        return JWSObject.parse(jws.serialize());
    }

    /** RFC 7638: base64url(SHA-256(required members, sorted, no whitespace)). */
    private static String rfc7638(String canonicalJson) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @org.junit.jupiter.api.Test
    void ed25519KeyOfTheWrongLengthIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(DeviceKeys.InvalidKeyException.class,
                () -> DeviceKeys.accept(java.util.Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA")));
    }
}
