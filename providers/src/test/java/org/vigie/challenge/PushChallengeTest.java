package org.vigie.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigie.risk.RiskPolicyRef;

class PushChallengeTest {

    private static final long CREATED = 1_760_000_000L;
    private static final long EXPIRES = CREATED + 120;

    private static PushChallenge pick() {
        return new PushChallenge("3f2a9c0d1e8b4a7f9c6d5e4f3a2b1c0d", "realm-uuid", "810001045367", CREATED, EXPIRES,
                new PushChallenge.Requester("dmp-portal", "Dossier médical partagé", "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)"),
                new PushChallenge.Code(PushChallenge.CodeMode.PICK, "42", List.of("17", "42", "88")),
                new PushChallenge.BrowserTab("auth-session-id", "tab-id", "status-token"),
                new PushChallenge.Policy(3, 45, "securite@example.org", RiskPolicyRef.ofConfig("config-uuid"), false),
                true, PushChallenge.Purpose.login());
    }

    private static PushChallenge type() {
        return new PushChallenge("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "realm-uuid", "0756012345", CREATED, EXPIRES,
                new PushChallenge.Requester("ehr", "EHR", "2001:db8::1", "curl/8"),
                new PushChallenge.Code(PushChallenge.CodeMode.TYPE, "012345", List.of()),
                new PushChallenge.BrowserTab("auth-session-2", "tab-2", "status-token-2"),
                new PushChallenge.Policy(5, 0, "", RiskPolicyRef.none(), true),
                false, PushChallenge.Purpose.delegation("Camille Assistant", EXPIRES + 3600));
    }

    @Test
    void pickChallengeSurvivesTheStore() {
        PushChallenge original = pick();
        assertEquals(original, PushChallenge.fromMap(original.toMap()));
    }

    @Test
    void typeChallengeSurvivesTheStoreWithLeadingZerosAndNoChoices() {
        PushChallenge original = type();
        PushChallenge back = PushChallenge.fromMap(original.toMap());
        assertEquals(original, back);
        assertEquals("012345", back.code().value());
        assertTrue(back.code().choices().isEmpty());
        assertTrue(back.delegation());
        assertEquals("Camille Assistant", back.purpose().requesterName());
    }

    @Test
    void packedFormSurvivesTheStoreAndLeavesOutEmptyFields() {
        for (PushChallenge original : List.of(pick(), type())) {
            String packed = original.pack();
            assertEquals(original, PushChallenge.unpack(Map.of(PushChallenge.PACKED, packed, "s", "3")));
            assertFalse(packed.contains("\"\""), packed);
        }
    }

    @Test
    void packedFormIsSmall() {
        // One String per pending login on every node's heap: short field names, defaults left out.
        assertTrue(pick().pack().length() < 420, pick().pack());
        assertFalse(type().pack().contains("\"" + PushChallenge.CODE_MODE + "\""), type().pack());
    }

    @Test
    void anUnreadableStoredChallengeIsAClearError() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PushChallenge.unpack(Map.of(PushChallenge.PACKED, "{not json")));
        assertTrue(e.getMessage().contains("could not be read"));
    }

    @Test
    void storedFormIsStringsOnly() {
        Map<String, String> map = pick().toMap();
        assertEquals("pick", map.get(PushChallenge.CODE_MODE));
        assertEquals("17,42,88", map.get(PushChallenge.CODE_CHOICES));
        assertEquals(Long.toString(CREATED), map.get(PushChallenge.CREATED_AT));
        assertEquals(Long.toString(EXPIRES), map.get(PushChallenge.EXPIRES_AT));
        assertEquals("3", map.get(PushChallenge.MAX_PIN_ATTEMPTS));
        assertEquals("45", map.get(PushChallenge.FRAUD_SUSPENSION));
        // The default (typed code) is left out and comes back.
        assertFalse(type().toMap().containsKey(PushChallenge.CODE_MODE));
        assertEquals(PushChallenge.CodeMode.TYPE, PushChallenge.fromMap(type().toMap()).code().mode());
        for (Map.Entry<String, String> e : map.entrySet()) {
            assertNotNull(e.getValue(), e.getKey());
        }
    }

    @Test
    void codeChoicesKeepTheirOrder() {
        PushChallenge original = pick();
        assertEquals(List.of("17", "42", "88"), PushChallenge.fromMap(original.toMap()).code().choices());
    }

    @Test
    void nationalIdAndNotificationSurviveTheStore() {
        assertEquals("810001045367", PushChallenge.fromMap(pick().toMap()).nationalId());
        assertTrue(PushChallenge.fromMap(pick().toMap()).notified());
        assertFalse(PushChallenge.fromMap(type().toMap()).notified());
    }

    @Test
    void onlyAChallengeTheLimitsHeldBackIsStoredAsNotNotified() {
        assertFalse(pick().toMap().containsKey(PushChallenge.NOT_NOTIFIED));
        assertEquals("1", type().toMap().get(PushChallenge.NOT_NOTIFIED));
    }

    @Test
    void missingOptionalTextComesBackEmpty() {
        PushChallenge sparse = new PushChallenge("id", "realm", "user", CREATED, EXPIRES,
                new PushChallenge.Requester("client", "Client", null, null),
                new PushChallenge.Code(PushChallenge.CodeMode.TYPE, "123456", List.of()),
                new PushChallenge.BrowserTab("session", "tab", "token"),
                new PushChallenge.Policy(5, 20, null, null, false), true, new PushChallenge.Purpose(null, null, 0));
        Map<String, String> map = sparse.toMap();
        assertFalse(map.containsKey(PushChallenge.IP_ADDRESS));
        assertFalse(map.containsKey(PushChallenge.USER_AGENT));
        assertFalse(map.containsKey(PushChallenge.REPORT_CONTACT));
        PushChallenge back = PushChallenge.fromMap(map);
        assertEquals("", back.requester().ipAddress());
        assertEquals("", back.requester().userAgent());
        assertEquals("", back.policy().reportContact());
        assertEquals(PushChallenge.Purpose.login(), back.purpose());
        assertEquals(sparse, back);
        assertEquals(sparse.code(), back.code());
        assertEquals(sparse.expiresAt(), back.expiresAt());
    }

    @Test
    void challengeStoredWithoutPolicyFieldsGetsTheDefaultPolicy() {
        Map<String, String> map = new HashMap<>(type().toMap());
        map.remove(PushChallenge.MAX_PIN_ATTEMPTS);
        map.remove(PushChallenge.FRAUD_SUSPENSION);
        map.remove(PushChallenge.REPORT_CONTACT);
        map.remove(PushChallenge.CODE_CHOICES);
        PushChallenge back = PushChallenge.fromMap(map);
        assertEquals(ApprovalConfig.DEFAULT_PIN_ATTEMPTS, back.policy().maxPinAttempts());
        assertEquals(ApprovalConfig.DEFAULT_FRAUD_SUSPENSION, back.policy().fraudSuspensionMinutes());
        assertEquals("", back.policy().reportContact());
        assertEquals(List.of(), back.code().choices());
    }

    @Test
    void expiresAtItsExpiryInstant() {
        PushChallenge challenge = pick();
        assertFalse(challenge.expiredAt(CREATED));
        assertFalse(challenge.expiredAt(EXPIRES - 1));
        assertTrue(challenge.expiredAt(EXPIRES));
        assertTrue(challenge.expiredAt(EXPIRES + 1));
        assertTrue(challenge.expiredAt(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(PushChallenge.CodeMode.class)
    void codeModeValueParsesBack(PushChallenge.CodeMode mode) {
        assertEquals(mode, PushChallenge.CodeMode.of(mode.value()));
        assertEquals(mode.name().toLowerCase(java.util.Locale.ROOT), mode.value());
    }

    @Test
    void riskPolicyAndStepUpSurviveTheStore() {
        PushChallenge back = PushChallenge.fromMap(pick().toMap());
        assertEquals(RiskPolicyRef.ofConfig("config-uuid"), back.policy().riskPolicy());
        assertEquals(false, back.policy().stepUp());
        assertEquals(true, PushChallenge.fromMap(type().toMap()).policy().stepUp());
        assertEquals(RiskPolicyRef.none(), PushChallenge.fromMap(
                new PushChallenge("id", "realm", "user", CREATED, EXPIRES,
                new PushChallenge.Requester("client", "Client", null, null),
                new PushChallenge.Code(PushChallenge.CodeMode.TYPE, "123456", List.of()),
                new PushChallenge.BrowserTab("session", "tab", "token"),
                new PushChallenge.Policy(5, 20, null, null, false), true, new PushChallenge.Purpose(null, null, 0))
                        .toMap()).policy().riskPolicy());
    }

    @org.junit.jupiter.api.Test
    void wireValuesDoNotDependOnTheServerLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            org.junit.jupiter.api.Assertions.assertEquals("pick", PushChallenge.CodeMode.PICK.value());
            org.junit.jupiter.api.Assertions.assertEquals("denied", Decision.DENIED.value());
            org.junit.jupiter.api.Assertions.assertEquals(Decision.FRAUD_REPORTED, Decision.of("fraud_reported"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
