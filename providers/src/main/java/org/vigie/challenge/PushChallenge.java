package org.vigie.challenge;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.common.ClientNames;
import org.vigie.risk.RiskPolicyRef;

/**
 * One login waiting for the practitioner's approval. Stored as a map of Strings in Keycloak's
 * cluster-replicated single-use object store (custom objects do not marshal across nodes).
 *
 * <p>A challenge names the national identifier typed in the browser, never a user: whoever holds
 * that identifier (if anyone) sees it on their devices and may decide it. The login page does the
 * same work whether or not a practitioner holds it, so nobody can tell known identifiers apart.
 *
 * <p>Its parts: who asks ({@link Requester}), what the practitioner matches ({@link Code}), where
 * the login waits ({@link BrowserTab}), the step's policy that travels with it so that the device
 * API applies the settings of the flow that created it ({@link Policy}), and what approving it
 * means ({@link Purpose}). {@code notified} says whether the push limits let it notify the
 * practitioner's devices (it is listed and approvable either way).
 */
public record PushChallenge(
        String id,
        String realmId,
        String nationalId,
        long createdAt,
        long expiresAt,
        Requester requester,
        Code code,
        BrowserTab browser,
        Policy policy,
        boolean notified,
        Purpose purpose) {

    /** The service asking and the browser the login was typed in, as shown on the phone. */
    public record Requester(String clientId, String clientName, String ipAddress, String userAgent) {
        public Requester {
            ipAddress = nullToEmpty(ipAddress);
            userAgent = nullToEmpty(userAgent);
        }

        public static Requester of(ClientModel client, String ipAddress, String userAgent) {
            return new Requester(client.getClientId(), ClientNames.display(client), ipAddress, truncate(userAgent, 256));
        }
    }

    /** The code the browser shows ({@code value}) and, in pick mode, the codes the app offers. */
    public record Code(CodeMode mode, String value, List<String> choices) {
        public Code {
            choices = List.copyOf(choices);
        }
    }

    /** The browser tab whose login this is, and the token its waiting page asks the status with. */
    public record BrowserTab(String authSessionId, String tabId, String statusToken) {
    }

    /** The approval step's settings at creation, applied by the device API when it is decided. */
    public record Policy(int maxPinAttempts, int fraudSuspensionMinutes, String reportContact, RiskPolicyRef riskPolicy,
                         boolean stepUp) {
        public Policy {
            reportContact = nullToEmpty(reportContact);
            riskPolicy = riskPolicy == null ? RiskPolicyRef.none() : riskPolicy;
        }
    }

    /**
     * What approving means: the practitioner's own login, or letting {@code requesterName} act in
     * their name until {@code delegatedUntil} (epoch seconds).
     */
    public record Purpose(String kind, String requesterName, long delegatedUntil) {
        public static final String LOGIN = "login";
        public static final String DELEGATION = "delegation";

        public Purpose {
            kind = kind == null || kind.isBlank() ? LOGIN : kind;
            requesterName = nullToEmpty(requesterName);
        }

        public static Purpose login() {
            return new Purpose(LOGIN, "", 0);
        }

        public static Purpose delegation(String requesterName, long until) {
            return new Purpose(DELEGATION, requesterName, until);
        }

        public boolean isDelegation() {
            return DELEGATION.equals(kind);
        }
    }

    public enum CodeMode {
        /** The browser shows 6 random digits and a check digit the practitioner types in the app (NIST SP 800-63B-4). */
        TYPE,
        /** The app shows three codes, the practitioner picks the one the browser shows (PSC). */
        PICK;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static CodeMode of(String value) {
            return value != null && "pick".equalsIgnoreCase(value.trim()) ? PICK : TYPE;
        }
    }

    public boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    public boolean delegation() {
        return purpose.isDelegation();
    }

    Map<String, String> toMap() {
        Map<String, String> map = new HashMap<>();
        map.put("id", id);
        map.put("realmId", realmId);
        map.put("nationalId", nationalId);
        map.put("clientId", requester.clientId());
        map.put("clientName", requester.clientName());
        map.put("createdAt", Long.toString(createdAt));
        map.put("expiresAt", Long.toString(expiresAt));
        map.put("ipAddress", nullToEmpty(requester.ipAddress()));
        map.put("userAgent", nullToEmpty(requester.userAgent()));
        map.put("codeMode", code.mode().value());
        map.put("code", code.value());
        map.put("codeChoices", String.join(",", code.choices()));
        map.put("statusToken", browser.statusToken());
        map.put("authSessionId", browser.authSessionId());
        map.put("tabId", browser.tabId());
        map.put("maxPinAttempts", Integer.toString(policy.maxPinAttempts()));
        map.put("fraudSuspensionMinutes", Integer.toString(policy.fraudSuspensionMinutes()));
        map.put("reportContact", policy.reportContact());
        map.put("riskPolicy", policy.riskPolicy().encode());
        map.put("stepUp", Boolean.toString(policy.stepUp()));
        map.put("notified", Boolean.toString(notified));
        map.put("purpose", purpose.kind());
        map.put("requesterName", purpose.requesterName());
        map.put("delegatedUntil", Long.toString(purpose.delegatedUntil()));
        return map;
    }

    /** Key of the packed form in the stored map (see {@link #pack()}). */
    static final String PACKED = "p";

    /**
     * The stored form: the non-empty fields as one JSON text, so that a pending login holds one
     * String on each node's heap instead of two dozen map entries.
     */
    String pack() {
        Map<String, String> fields = new java.util.TreeMap<>(toMap());
        fields.values().removeIf(String::isEmpty);
        try {
            return JsonSerialization.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a challenge could not be written", e);
        }
    }

    /** Reads a stored challenge: packed, or as a map of fields (written by nodes before packing). */
    @SuppressWarnings("unchecked")
    static PushChallenge unpack(Map<String, String> stored) {
        String packed = stored.get(PACKED);
        if (packed == null) {
            return fromMap(stored);
        }
        try {
            return fromMap(JsonSerialization.readValue(packed, Map.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored challenge could not be read", e);
        }
    }

    static PushChallenge fromMap(Map<String, String> map) {
        String choices = map.getOrDefault("codeChoices", "");
        return new PushChallenge(
                map.get("id"),
                map.get("realmId"),
                map.get("nationalId"),
                Long.parseLong(map.get("createdAt")),
                Long.parseLong(map.get("expiresAt")),
                new Requester(map.get("clientId"), map.get("clientName"), map.get("ipAddress"), map.get("userAgent")),
                new Code(CodeMode.of(map.get("codeMode")), map.get("code"),
                        choices.isEmpty() ? List.of() : Arrays.asList(choices.split(","))),
                new BrowserTab(map.get("authSessionId"), map.get("tabId"), map.get("statusToken")),
                new Policy(Integer.parseInt(map.getOrDefault("maxPinAttempts", "5")),
                        Integer.parseInt(map.getOrDefault("fraudSuspensionMinutes", "20")),
                        map.getOrDefault("reportContact", ""),
                        RiskPolicyRef.decode(map.get("riskPolicy")),
                        Boolean.parseBoolean(map.getOrDefault("stepUp", "false"))),
                Boolean.parseBoolean(map.getOrDefault("notified", "true")),
                new Purpose(map.get("purpose"), map.get("requesterName"), Long.parseLong(map.getOrDefault("delegatedUntil", "0"))));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String truncate(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
