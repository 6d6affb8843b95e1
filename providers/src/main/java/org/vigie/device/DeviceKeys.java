package org.vigie.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.text.ParseException;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Device public keys: which ones Vigie accepts at enrolment, and signature checks on what the
 * device later signs. Nimbus parses and verifies ES256; Ed25519 signatures are checked with
 * BouncyCastle (shipped by Keycloak), since Nimbus delegates Ed25519 to Tink, which we do not ship.
 */
public final class DeviceKeys {

    public static final String ES256 = JWSAlgorithm.ES256.getName();
    public static final String EDDSA = JWSAlgorithm.EdDSA.getName();
    /** One fixed description for every JWK that cannot be parsed: never the parser's own text. */
    public static final String NOT_A_JWK = "publicKey is not a valid public JWK";

    /** A public key Vigie accepts, with the JWS algorithm it must sign with. */
    public record AcceptedKey(Map<String, Object> publicJwk, String algorithm, String thumbprint) {
    }

    public static final class InvalidKeyException extends Exception {
        public InvalidKeyException(String message) {
            super(message);
        }
    }

    private DeviceKeys() {
    }

    public static AcceptedKey accept(Map<String, Object> jwkJson) throws InvalidKeyException {
        if (jwkJson == null) {
            throw new InvalidKeyException("publicKey is missing");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(jwkJson);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidKeyException(NOT_A_JWK);
        }
        if (jwk.isPrivate()) {
            throw new InvalidKeyException("publicKey must not contain private key material");
        }
        String algorithm;
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            algorithm = ES256;
        } else if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            // Nimbus does not check the length: a short x would enrol a key that never verifies.
            if (okp.getDecodedX().length != 32) {
                throw new InvalidKeyException("an Ed25519 public key has 32 bytes");
            }
            algorithm = EDDSA;
        } else {
            throw new InvalidKeyException("only EC P-256 and Ed25519 keys are accepted");
        }
        try {
            JWK publicJwk = jwk.toPublicJWK();
            return new AcceptedKey(publicJwk.toJSONObject(), algorithm, publicJwk.computeThumbprint().toString());
        } catch (JOSEException | RuntimeException e) {
            throw new InvalidKeyException("publicKey thumbprint cannot be computed");
        }
    }

    /** True when {@code jws} is signed by the device's key with the device's algorithm. */
    public static boolean verify(JWSObject jws, DeviceCredentialModel device) {
        return verify(jws, device.publicJwk(), device.algorithm());
    }

    /** True when {@code jws} is signed by this accepted public key with its algorithm. */
    public static boolean verify(JWSObject jws, AcceptedKey key) {
        return verify(jws, key.publicJwk(), key.algorithm());
    }

    private static boolean verify(JWSObject jws, Map<String, Object> publicJwk, String keyAlgorithm) {
        String alg = jws.getHeader().getAlgorithm() == null ? null : jws.getHeader().getAlgorithm().getName();
        // No header extension is understood: refuse "crit" (and so b64=false) on every path.
        if (jws.getHeader().getCriticalParams() != null && !jws.getHeader().getCriticalParams().isEmpty()) {
            return false;
        }
        try {
            JWK jwk = JWK.parse(publicJwk);
            if (ES256.equals(keyAlgorithm) && ES256.equals(alg)) {
                return jws.verify(new ECDSAVerifier((ECKey) jwk));
            }
            if (EDDSA.equals(keyAlgorithm) && (EDDSA.equals(alg) || "Ed25519".equals(alg))) {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(false, new Ed25519PublicKeyParameters(((OctetKeyPair) jwk).getDecodedX(), 0));
                byte[] input = jws.getSigningInput();
                signer.update(input, 0, input.length);
                return signer.verifySignature(jws.getSignature().decode());
            }
            return false;
        } catch (ParseException | JOSEException | IllegalStateException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

}
