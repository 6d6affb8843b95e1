package org.vigie.challenge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.util.JsonSerialization;
import org.vigie.common.ClientNames;
import org.vigie.risk.RiskPolicyRef;

/**
 * One login waiting for the practitioner's approval. Stored as one JSON text in Keycloak's
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
        /** A login a service started by OpenID Connect CIBA; {@code requesterName} holds the binding message the app shows. */
        public static final String CIBA = "ciba";

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

        public static Purpose ciba(String bindingMessage) {
            return new Purpose(CIBA, bindingMessage, 0);
        }

        public boolean isCiba() {
            return CIBA.equals(kind);
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

    public boolean ciba() {
        return purpose.isCiba();
    }

    // The stored form's field names: short, since each node's heap holds one copy per pending login.
    static final String ID = "i";
    static final String REALM = "r";
    static final String NATIONAL_ID = "n";
    static final String CREATED_AT = "c";
    static final String EXPIRES_AT = "e";
    static final String CLIENT_ID = "ci";
    static final String CLIENT_NAME = "cn";
    static final String IP_ADDRESS = "a";
    static final String USER_AGENT = "u";
    static final String CODE_MODE = "m";
    static final String CODE = "k";
    static final String CODE_CHOICES = "kc";
    static final String STATUS_TOKEN = "st";
    static final String AUTH_SESSION = "as";
    static final String TAB = "t";
    static final String MAX_PIN_ATTEMPTS = "mp";
    static final String FRAUD_SUSPENSION = "fs";
    static final String REPORT_CONTACT = "rc";
    static final String RISK_POLICY = "rp";
    static final String STEP_UP = "su";
    static final String NOT_NOTIFIED = "nn";
    static final String PURPOSE = "pu";
    static final String REQUESTER_NAME = "rn";
    static final String DELEGATED_UNTIL = "du";

    /** The fields, defaults and empty text left out (they come back as such). */
    Map<String, String> toMap() {
        Map<String, String> map = new java.util.TreeMap<>();
        map.put(ID, id);
        map.put(REALM, realmId);
        map.put(NATIONAL_ID, nationalId);
        map.put(CLIENT_ID, requester.clientId());
        map.put(CLIENT_NAME, requester.clientName());
        map.put(CREATED_AT, Long.toString(createdAt));
        map.put(EXPIRES_AT, Long.toString(expiresAt));
        map.put(IP_ADDRESS, requester.ipAddress());
        map.put(USER_AGENT, requester.userAgent());
        map.put(CODE_MODE, code.mode() == CodeMode.TYPE ? "" : code.mode().value());
        map.put(CODE, code.value());
        map.put(CODE_CHOICES, String.join(",", code.choices()));
        map.put(STATUS_TOKEN, browser.statusToken());
        map.put(AUTH_SESSION, browser.authSessionId());
        map.put(TAB, browser.tabId());
        map.put(MAX_PIN_ATTEMPTS, Integer.toString(policy.maxPinAttempts()));
        map.put(FRAUD_SUSPENSION, Integer.toString(policy.fraudSuspensionMinutes()));
        map.put(REPORT_CONTACT, policy.reportContact());
        map.put(RISK_POLICY, policy.riskPolicy().encode());
        map.put(STEP_UP, policy.stepUp() ? "1" : "");
        map.put(NOT_NOTIFIED, notified ? "" : "1");
        map.put(PURPOSE, purpose.isDelegation() || purpose.isCiba() ? purpose.kind() : "");
        map.put(REQUESTER_NAME, purpose.requesterName());
        map.put(DELEGATED_UNTIL, purpose.delegatedUntil() == 0 ? "" : Long.toString(purpose.delegatedUntil()));
        map.values().removeIf(v -> v == null || v.isEmpty());
        return map;
    }

    /** Key of the packed form in the stored map (see {@link #pack()}). */
    static final String PACKED = "p";

    /** The stored form: the fields as one JSON text, one String on each node's heap instead of two dozen map entries. */
    String pack() {
        try {
            return JsonSerialization.writeValueAsString(toMap());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a challenge could not be written", e);
        }
    }

    /** Reads a stored challenge (see {@link #pack()}). */
    @SuppressWarnings("unchecked")
    static PushChallenge unpack(Map<String, String> stored) {
        try {
            return fromMap(JsonSerialization.readValue(stored.get(PACKED), Map.class));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored challenge could not be read", e);
        }
    }

    static PushChallenge fromMap(Map<String, String> map) {
        String choices = map.getOrDefault(CODE_CHOICES, "");
        return new PushChallenge(
                map.get(ID),
                map.get(REALM),
                map.get(NATIONAL_ID),
                Long.parseLong(map.get(CREATED_AT)),
                Long.parseLong(map.get(EXPIRES_AT)),
                new Requester(map.get(CLIENT_ID), map.getOrDefault(CLIENT_NAME, ""), map.get(IP_ADDRESS), map.get(USER_AGENT)),
                new Code(CodeMode.of(map.get(CODE_MODE)), map.get(CODE),
                        choices.isEmpty() ? List.of() : Arrays.asList(choices.split(","))),
                new BrowserTab(map.get(AUTH_SESSION), map.get(TAB), map.get(STATUS_TOKEN)),
                new Policy(Integer.parseInt(map.getOrDefault(MAX_PIN_ATTEMPTS, Integer.toString(ApprovalConfig.DEFAULT_PIN_ATTEMPTS))),
                        Integer.parseInt(map.getOrDefault(FRAUD_SUSPENSION, Integer.toString(ApprovalConfig.DEFAULT_FRAUD_SUSPENSION))),
                        map.getOrDefault(REPORT_CONTACT, ""),
                        RiskPolicyRef.decode(map.get(RISK_POLICY)),
                        map.containsKey(STEP_UP)),
                !map.containsKey(NOT_NOTIFIED),
                new Purpose(map.get(PURPOSE), map.get(REQUESTER_NAME), Long.parseLong(map.getOrDefault(DELEGATED_UNTIL, "0"))));
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
