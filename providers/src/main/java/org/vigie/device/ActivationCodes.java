package org.vigie.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.events.VigieEvents;
import org.vigie.common.BoundedSetting;

/**
 * Activation codes: what lets a new phone become a practitioner's device. Single use, short
 * lived, bound to one user, a limited number of attempts, stored hashed. 12 symbols from
 * Crockford's base-32 alphabet (60 bits), shown as {@code XXXX-XXXX-XXXX}. Stored as an
 * HMAC-SHA256 under a random per-code key ({@link CodeHmac}).
 */
public final class ActivationCodes {

    public static final String TYPE = "vigie-activation-code";
    public static final int DEFAULT_TTL_SECONDS = 600;
    /**
     * How long an activation code may live, wherever it is issued (on the enrolment page, by an
     * operator through the admin REST API): a minute to a day, for a code sent by post or mail.
     */
    public static final BoundedSetting TTL = new BoundedSetting("activationCodeTtlSeconds", DEFAULT_TTL_SECONDS, 60, 24 * 3600);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Outcome {
        /** The code was right; it is consumed. */
        ACCEPTED,
        /** Wrong, expired or no code: one answer, so a caller learns nothing more. */
        REFUSED,
        /** Too many attempts at this code from this address: refused for it; the code stays for the practitioner. */
        EXHAUSTED,
        /** The code was right but the caller asked not to use it: it stays, nothing counted. */
        RIGHT_NOT_USED,
        /** The code could not be checked now (lock wait given up under load): nothing counted. */
        BUSY
    }

    public record Issued(String code, long expiresAt) {
    }

    private ActivationCodes() {
    }

    /** Replaces any outstanding code of the user with a new one, returned once in clear. */
    public static Issued issue(KeycloakSession session, RealmModel realm, UserModel user, int ttlSeconds, int maxAttempts) {
        withdraw(user);
        String code = generate();
        long expiresAt = Time.currentTime() + ttlSeconds;
        CodeData data = new CodeData();
        data.expiresAt = expiresAt;
        data.maxAttempts = maxAttempts;
        data.format = CodeHmac.FORMAT;
        CodeHmac.Stored mac = CodeHmac.create(normalise(code));
        CredentialModel credential = new CredentialModel();
        credential.setType(TYPE);
        credential.setUserLabel("Activation code (expires " + java.time.Instant.ofEpochSecond(expiresAt) + ")");
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(write(data));
        credential.setSecretData(write(mac));
        user.credentialManager().createStoredCredential(credential);
        return new Issued(format(code), expiresAt);
    }

    /** The event every issued code leaves (admin console → Events): who issued it, until when it works. */
    public static void recordIssued(KeycloakSession session, RealmModel realm, ClientConnection connection, ClientModel client,
                                    UserModel user, Issued issued, String issuedBy) {
        VigieEvents.builder(session, realm, connection).event(EventType.UPDATE_CREDENTIAL).user(user).client(client)
                .detail(VigieEvents.DETAIL_CREDENTIAL_TYPE, TYPE)
                .detail(VigieEvents.DETAIL_REASON, VigieEvents.REASON_ACTIVATION_CODE_ISSUED)
                .detail(VigieEvents.DETAIL_ISSUED_BY, issuedBy)
                .detail("expires_at", Long.toString(issued.expiresAt()))
                .success();
    }

    /**
     * Checks a typed code, counted exactly under concurrency: the code's row is locked in a
     * transaction of its own (see {@link CodeRedemption}), so concurrent attempts queue, each
     * attempt is counted against the address it came from before it is evaluated, and only the
     * one right answer removes the code. With {@code consume} false a right code is left as it is
     * ({@link Outcome#RIGHT_NOT_USED}).
     */
    public static Outcome redeem(KeycloakSession session, RealmModel realm, UserModel user, String typed, boolean consume,
                                 String clientAddress) {
        String candidate = normalise(typed);
        List<CredentialModel> codes = outstanding(user);
        if (codes.isEmpty()) {
            CodeHmac.dummy(candidate);
            return Outcome.REFUSED;
        }
        return CodeRedemption.redeem(session, realm, user, codes.get(0).getId(), candidate, consume, clientAddress);
    }

    /** Whether {@code candidate} is the stored code: HMAC, or Keycloak's password hash for codes issued before. */
    static boolean matches(KeycloakSession session, CodeData data, String secretData, String candidate) {
        if (candidate.length() != LENGTH) {
            CodeHmac.dummy(candidate);
            return false;
        }
        if (CodeHmac.FORMAT.equals(data.format)) {
            return CodeHmac.matches(readMac(secretData), candidate);
        }
        return SecretHashing.verify(session, candidate, data.hashCredentialData, secretData);
    }

    /** Whether the user still has a code that can be used (not yet redeemed, expired or withdrawn). */
    public static boolean hasOutstanding(UserModel user) {
        long now = Time.currentTime();
        return outstanding(user).stream().anyMatch(c -> read(c).expiresAt > now);
    }

    /** Withdraws every outstanding code of the user (an enrolment page left or finished). */
    public static void withdraw(UserModel user) {
        outstanding(user).forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
    }

    private static List<CredentialModel> outstanding(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).collect(Collectors.toList());
    }

    /** The work of a code check when there is no code to check (unknown identifier), so refusals all cost the same. */
    public static void dummyCheck(String typed) {
        CodeHmac.dummy(normalise(typed));
    }

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    static String format(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** Upper case, separators dropped, and the letters people confuse read as Crockford does. */
    static String normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            if (c == 'O') {
                c = '0';
            } else if (c == 'I' || c == 'L') {
                c = '1';
            }
            out.append(c);
        }
        return out.toString();
    }

    private static CodeData read(CredentialModel stored) {
        return read(stored.getCredentialData());
    }

    static CodeData read(String credentialData) {
        try {
            return JsonSerialization.readValue(credentialData, CodeData.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CodeHmac.Stored readMac(String secretData) {
        try {
            return secretData == null ? null : JsonSerialization.readValue(secretData, CodeHmac.Stored.class);
        } catch (IOException e) {
            return null;
        }
    }

    static String write(Object data) {
        try {
            return JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class CodeData {
        public long expiresAt;
        public int attempts;
        public int maxAttempts;
        /** {@value CodeHmac#FORMAT}; absent for codes issued before, checked with the password hash. */
        public String format;
        /** Only in codes issued before the HMAC format: Keycloak's password hash parameters. */
        public String hashCredentialData;
    }
}
