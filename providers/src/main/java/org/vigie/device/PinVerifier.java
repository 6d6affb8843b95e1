package org.vigie.device;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's side of PIN proofs (docs/security-model.md, "The PIN"). The phone never sends the
 * PIN: it sends {@code HMAC-SHA256(pinKey, context + PIN)}, where {@code pinKey} is 256 random bits
 * generated at enrolment and kept on the phone. The proof made at enrolment (the verifier) is stored
 * as {@code HMAC-SHA256(salt, proof)} with a random per-device salt; an approval's proof is checked
 * against it in constant time. The input has 256 bits of entropy, so a fast keyed hash suffices: a
 * copy of the database lets nobody test PINs offline (that needs the phone's key), and online
 * guesses are counted per device like any wrong PIN.
 *
 * <p>Devices enrolled before proofs keep a Keycloak password hash of the PIN ({@code scheme} absent)
 * and send the PIN itself; the first approval with the right PIN that also carries a new verifier
 * migrates them.
 */
public final class PinVerifier {

    public static final String SCHEME = "hmac-proof-v1";
    /** A proof is 32 bytes: 43 base64url characters without padding. */
    static final int PROOF_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinVerifier() {
    }

    /** What a device keeps of its PIN: the scheme, a salt and the keyed hash of the enrolment proof. */
    public record Stored(String scheme, String salt, String hash) {
    }

    /** Stores a verifier sent at enrolment (or at migration); null when it is not a proof. */
    public static Stored store(String verifier) {
        byte[] proof = decode(verifier);
        if (proof == null) {
            return null;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Stored(SCHEME, encode(salt), encode(hmac(salt, proof)));
    }

    /** Whether {@code proof} (from a signed decision) is the one the device enrolled with. */
    public static boolean matches(Stored stored, String proof) {
        byte[] candidate = decode(proof);
        byte[] salt = decode16(stored.salt());
        byte[] expected = decode(stored.hash());
        if (candidate == null || salt == null || expected == null || !SCHEME.equals(stored.scheme())) {
            return false;
        }
        return MessageDigest.isEqual(expected, hmac(salt, candidate));
    }

    /** True for a well-formed proof or verifier: 32 bytes in base64url without padding. */
    public static boolean isWellFormed(String value) {
        return decode(value) != null;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String value) {
        if (value == null || value.length() != 43) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(value);
            return bytes.length == PROOF_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] decode16(String value) {
        try {
            byte[] bytes = value == null ? null : Base64.getUrlDecoder().decode(value);
            return bytes != null && bytes.length == 16 ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
