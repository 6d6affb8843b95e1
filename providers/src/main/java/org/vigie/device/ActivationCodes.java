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
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.events.VigieEvents;

/**
 * Activation codes: what lets a new phone become a practitioner's device. Single use, short
 * lived, bound to one user, a limited number of attempts, stored hashed. 12 symbols from
 * Crockford's base-32 alphabet (60 bits), shown as {@code XXXX-XXXX-XXXX}.
 */
public final class ActivationCodes {

    public static final String TYPE = "vigie-activation-code";
    public static final int DEFAULT_TTL_SECONDS = 600;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Outcome {
        /** The code was right; it is consumed. */
        ACCEPTED,
        /** Wrong, expired or no code: one answer, so a caller learns nothing more. */
        REFUSED,
        /** Too many wrong attempts: the code is withdrawn. */
        EXHAUSTED
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
        SecretHashing.Hashed hashed = SecretHashing.hash(session, realm, normalise(code));
        CodeData data = new CodeData();
        data.expiresAt = expiresAt;
        data.maxAttempts = maxAttempts;
        data.hashCredentialData = hashed.credentialData();
        CredentialModel credential = new CredentialModel();
        credential.setType(TYPE);
        credential.setUserLabel("Activation code (expires " + java.time.Instant.ofEpochSecond(expiresAt) + ")");
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(write(data));
        credential.setSecretData(hashed.secretData());
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

    /** Checks a typed code; the first right answer wins even under concurrent attempts. */
    public static Outcome redeem(KeycloakSession session, UserModel user, String typed) {
        List<CredentialModel> codes = outstanding(user);
        if (codes.isEmpty()) {
            SecretHashing.hash(session, session.getContext().getRealm(), normalisedForTiming(typed));
            return Outcome.REFUSED;
        }
        CredentialModel stored = codes.get(0);
        CodeData data = read(stored);
        if (Time.currentTime() >= data.expiresAt) {
            user.credentialManager().removeStoredCredentialById(stored.getId());
            return Outcome.REFUSED;
        }
        String candidate = normalise(typed);
        if (candidate.length() == LENGTH && SecretHashing.verify(session, candidate, data.hashCredentialData, stored.getSecretData())) {
            // Credentials are database rows: two concurrent requests may both read this one. The
            // cluster-wide single-use store decides which of them consumes it.
            boolean first = session.getProvider(SingleUseObjectProvider.class)
                    .putIfAbsent("vigie.activation-used." + stored.getId(), Math.max(60, data.expiresAt - Time.currentTime()));
            user.credentialManager().removeStoredCredentialById(stored.getId());
            return first ? Outcome.ACCEPTED : Outcome.REFUSED;
        }
        data.attempts++;
        if (data.attempts >= data.maxAttempts) {
            user.credentialManager().removeStoredCredentialById(stored.getId());
            return Outcome.EXHAUSTED;
        }
        stored.setCredentialData(write(data));
        user.credentialManager().updateStoredCredential(stored);
        return Outcome.REFUSED;
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

    /** Something to hash when there is no code to check, so refusals all cost the same. */
    public static String normalisedForTiming(String typed) {
        String candidate = normalise(typed);
        return candidate.isEmpty() ? "0" : candidate;
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
        try {
            return JsonSerialization.readValue(stored.getCredentialData(), CodeData.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(CodeData data) {
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
        public String hashCredentialData;
    }
}
