package org.vigie.challenge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One login waiting for the practitioner's approval. Stored as a map of Strings in Keycloak's
 * cluster-replicated single-use object store (custom objects do not marshal across nodes).
 *
 * <p>The step's policy (PIN attempts, fraud suspension) travels with the challenge, so the device
 * API applies the settings of the flow that created it. {@code notified} says whether the push
 * limits let this login notify the practitioner's devices (it is listed and approvable either way).
 *
 * <p>A challenge names the national identifier typed in the browser, never a user: whoever holds
 * that identifier (if anyone) sees it on their devices and may decide it. The login page does the
 * same work whether or not a practitioner holds it, so nobody can tell known identifiers apart.
 */
public record PushChallenge(
        String id,
        String realmId,
        String nationalId,
        String clientId,
        String clientName,
        long createdAt,
        long expiresAt,
        String ipAddress,
        String userAgent,
        CodeMode codeMode,
        String code,
        List<String> codeChoices,
        String statusToken,
        String authSessionId,
        String tabId,
        int maxPinAttempts,
        int fraudSuspensionMinutes,
        String reportContact,
        String riskPolicy,
        boolean stepUp,
        boolean notified,
        String purpose,
        String requesterName,
        long delegatedUntil) {

    /** {@link #purpose} of a practitioner's own login. */
    public static final String PURPOSE_LOGIN = "login";
    /** {@link #purpose} of a request to act in the practitioner's name, by {@link #requesterName} until {@link #delegatedUntil}. */
    public static final String PURPOSE_DELEGATION = "delegation";
    /** {@link #purpose} of a login a service started by OpenID Connect CIBA; {@link #requesterName} holds the binding message the app shows. */
    public static final String PURPOSE_CIBA = "ciba";

    /** A practitioner's own login. */
    public PushChallenge(String id, String realmId, String nationalId, String clientId, String clientName, long createdAt,
                         long expiresAt, String ipAddress, String userAgent, CodeMode codeMode, String code,
                         List<String> codeChoices, String statusToken, String authSessionId, String tabId, int maxPinAttempts,
                         int fraudSuspensionMinutes, String reportContact, String riskPolicy, boolean stepUp, boolean notified) {
        this(id, realmId, nationalId, clientId, clientName, createdAt, expiresAt, ipAddress, userAgent, codeMode, code,
                codeChoices, statusToken, authSessionId, tabId, maxPinAttempts, fraudSuspensionMinutes, reportContact,
                riskPolicy, stepUp, notified, PURPOSE_LOGIN, "", 0);
    }

    public boolean delegation() {
        return PURPOSE_DELEGATION.equals(purpose);
    }

    public boolean ciba() {
        return PURPOSE_CIBA.equals(purpose);
    }

    /** {@link #riskPolicy} when the flow has no risk step: no time check at approval. */
    public static final String NO_RISK_POLICY = "none";
    /** {@link #riskPolicy} when the risk step has no saved settings: Vigie's defaults. */
    public static final String DEFAULT_RISK_POLICY = "default";

    public enum CodeMode {
        /** The browser shows 6 random digits and a check digit the practitioner types in the app (NIST SP 800-63B-4). */
        TYPE,
        /** The app shows three codes, the practitioner picks the one the browser shows (PSC). */
        PICK;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static CodeMode of(String value) {
            return value != null && "pick".equalsIgnoreCase(value.trim()) ? PICK : TYPE;
        }
    }

    public boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    Map<String, String> toMap() {
        Map<String, String> map = new HashMap<>();
        map.put("id", id);
        map.put("realmId", realmId);
        map.put("nationalId", nationalId);
        map.put("clientId", clientId);
        map.put("clientName", clientName);
        map.put("createdAt", Long.toString(createdAt));
        map.put("expiresAt", Long.toString(expiresAt));
        map.put("ipAddress", ipAddress == null ? "" : ipAddress);
        map.put("userAgent", userAgent == null ? "" : userAgent);
        map.put("codeMode", codeMode.value());
        map.put("code", code);
        map.put("codeChoices", String.join(",", codeChoices));
        map.put("statusToken", statusToken);
        map.put("authSessionId", authSessionId);
        map.put("tabId", tabId);
        map.put("maxPinAttempts", Integer.toString(maxPinAttempts));
        map.put("fraudSuspensionMinutes", Integer.toString(fraudSuspensionMinutes));
        map.put("reportContact", reportContact == null ? "" : reportContact);
        map.put("riskPolicy", riskPolicy == null ? NO_RISK_POLICY : riskPolicy);
        map.put("stepUp", Boolean.toString(stepUp));
        map.put("notified", Boolean.toString(notified));
        map.put("purpose", purpose == null ? PURPOSE_LOGIN : purpose);
        map.put("requesterName", requesterName == null ? "" : requesterName);
        map.put("delegatedUntil", Long.toString(delegatedUntil));
        return map;
    }

    static PushChallenge fromMap(Map<String, String> map) {
        String choices = map.getOrDefault("codeChoices", "");
        return new PushChallenge(
                map.get("id"),
                map.get("realmId"),
                map.get("nationalId"),
                map.get("clientId"),
                map.get("clientName"),
                Long.parseLong(map.get("createdAt")),
                Long.parseLong(map.get("expiresAt")),
                map.get("ipAddress"),
                map.get("userAgent"),
                CodeMode.of(map.get("codeMode")),
                map.get("code"),
                choices.isEmpty() ? List.of() : Arrays.asList(choices.split(",")),
                map.get("statusToken"),
                map.get("authSessionId"),
                map.get("tabId"),
                Integer.parseInt(map.getOrDefault("maxPinAttempts", "5")),
                Integer.parseInt(map.getOrDefault("fraudSuspensionMinutes", "20")),
                map.getOrDefault("reportContact", ""),
                map.getOrDefault("riskPolicy", NO_RISK_POLICY),
                Boolean.parseBoolean(map.getOrDefault("stepUp", "false")),
                Boolean.parseBoolean(map.getOrDefault("notified", "true")),
                map.getOrDefault("purpose", PURPOSE_LOGIN),
                map.getOrDefault("requesterName", ""),
                Long.parseLong(map.getOrDefault("delegatedUntil", "0")));
    }
}
