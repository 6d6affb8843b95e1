package org.vigie.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the app sends instead of the PIN (docs/device-api.md, "The PIN"): an HMAC-SHA256 of the PIN
 * under a 256-bit key generated at enrolment and kept on the phone. The server stores only a
 * keyed hash of the proof made at enrolment, so a copy of its database lets nobody test PINs
 * offline; the phone's key alone does not reveal the PIN either, and the server counts wrong ones.
 */
public final class PinProof {

    static final String CONTEXT = "vigie-pin-proof-v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinProof() {
    }

    /** A new secret key for a device's PIN proofs (32 random bytes). */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The proof of {@code pin} under {@code key}, base64url without padding (43 characters). */
    public static String of(byte[] key, String pin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] proof = mac.doFinal((CONTEXT + pin).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String encodeKey(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static byte[] decodeKey(String key) {
        return Base64.getUrlDecoder().decode(key);
    }
}
