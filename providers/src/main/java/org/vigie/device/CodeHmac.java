package org.vigie.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Activation codes are checked with HMAC-SHA256 under a random key of their own, not with the
 * realm's password hashing: a code has 60 random bits and lives minutes, so a slow hash adds no
 * strength, while it let anonymous requests cost about 90 CPU-ms each. Unknown identifiers pay
 * the same HMAC on a dummy key.
 */
final class CodeHmac {

    static final String FORMAT = "hmac-sha256";
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DUMMY_KEY = new byte[32];

    /** The key and the MAC, Base64, as stored in the code's secret data. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Stored {
        public String key;
        public String mac;

        public Stored() {
        }

        Stored(String key, String mac) {
            this.key = key;
            this.mac = mac;
        }
    }

    private CodeHmac() {
    }

    static Stored create(String normalisedCode) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Base64.Encoder b64 = Base64.getEncoder();
        return new Stored(b64.encodeToString(key), b64.encodeToString(mac(key, normalisedCode)));
    }

    /** Constant-time comparison of the candidate's MAC with the stored one. */
    static boolean matches(Stored stored, String candidate) {
        if (stored == null || stored.key == null || stored.mac == null) {
            dummy(candidate);
            return false;
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return MessageDigest.isEqual(b64.decode(stored.mac), mac(b64.decode(stored.key), candidate));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The same work as a check, when there is nothing to check (unknown identifier, no code). */
    static void dummy(String candidate) {
        mac(DUMMY_KEY, candidate == null ? "" : candidate);
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
