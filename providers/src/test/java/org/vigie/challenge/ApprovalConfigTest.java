package org.vigie.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.vigie.push.PushSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.AuthenticatorConfigModel;

class ApprovalConfigTest {

    @Test
    void defaults() {
        ApprovalConfig config = ApprovalConfig.defaults();
        assertEquals(PushChallenge.CodeMode.TYPE, config.codeMode());
        assertEquals(120, config.challengeTtlSeconds());
        assertEquals(5, config.maxPinAttempts());
        assertEquals(20, config.fraudSuspensionMinutes());
        assertEquals("", config.reportContact());
    }

    @Test
    void noConfigurationMeansDefaults() {
        assertEquals(ApprovalConfig.defaults(), ApprovalConfig.of((AuthenticatorConfigModel) null));
        assertEquals(ApprovalConfig.defaults(), ApprovalConfig.of(new AuthenticatorConfigModel()));
        assertEquals(ApprovalConfig.defaults(), ApprovalConfig.of(Map.of()));
        assertEquals(ApprovalConfig.defaults(), ApprovalConfig.of((Map<String, String>) null));
    }

    @Test
    void readsEverySettingFromTheAdminConsoleModel() {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setAlias("vigie-approval");
        model.setConfig(new HashMap<>(Map.of(
                ApprovalConfig.CODE_MODE, "pick",
                ApprovalConfig.CHALLENGE_TTL, "300",
                ApprovalConfig.MAX_PIN_ATTEMPTS, "3",
                ApprovalConfig.FRAUD_SUSPENSION, "60",
                ApprovalConfig.REPORT_CONTACT, "  securite@example.org ")));

        ApprovalConfig config = ApprovalConfig.of(model);

        assertEquals(new ApprovalConfig(PushChallenge.CodeMode.PICK, 300, 3, 60, "securite@example.org", PushSettings.of(Map.of())), config);
    }

    @Test
    void keysAreTheAdminConsoleOnes() {
        assertEquals("codeMode", ApprovalConfig.CODE_MODE);
        assertEquals("challengeTtlSeconds", ApprovalConfig.CHALLENGE_TTL);
        assertEquals("maxPinAttempts", ApprovalConfig.MAX_PIN_ATTEMPTS);
        assertEquals("fraudSuspensionMinutes", ApprovalConfig.FRAUD_SUSPENSION);
        assertEquals("reportContact", ApprovalConfig.REPORT_CONTACT);
    }

    @ParameterizedTest(name = "challengeTtlSeconds={0} -> {1}")
    @CsvSource({"-5, 30", "0, 30", "10, 30", "29, 30", "30, 30", "31, 31", "120, 120", "599, 599", "600, 600",
            "601, 600", "3600, 600", "2147483647, 600", "-2147483648, 30", "' 45 ', 45", "+90, 90", "0045, 45"})
    void challengeTtlIsKeptBetweenThirtySecondsAndTenMinutes(String raw, int expected) {
        assertEquals(expected, ApprovalConfig.of(Map.of(ApprovalConfig.CHALLENGE_TTL, raw)).challengeTtlSeconds());
    }

    @ParameterizedTest(name = "maxPinAttempts={0} -> {1}")
    @CsvSource({"-1, 1", "0, 1", "1, 1", "3, 3", "10, 10", "11, 10", "1000, 10"})
    void pinAttemptsAreKeptBetweenOneAndTen(String raw, int expected) {
        assertEquals(expected, ApprovalConfig.of(Map.of(ApprovalConfig.MAX_PIN_ATTEMPTS, raw)).maxPinAttempts());
    }

    @ParameterizedTest(name = "fraudSuspensionMinutes={0} -> {1}")
    @CsvSource({"-1, 0", "0, 0", "1, 1", "1440, 1440", "10080, 10080", "10081, 10080", "999999, 10080"})
    void fraudSuspensionIsKeptBetweenZeroAndOneWeek(String raw, int expected) {
        assertEquals(expected, ApprovalConfig.of(Map.of(ApprovalConfig.FRAUD_SUSPENSION, raw)).fraudSuspensionMinutes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "12.5", "1e3", "0x10", "ten", "5 minutes"})
    void anythingButAnIntegerFallsBackToTheDefaults(String raw) {
        ApprovalConfig config = ApprovalConfig.of(Map.of(
                ApprovalConfig.CHALLENGE_TTL, raw,
                ApprovalConfig.MAX_PIN_ATTEMPTS, raw,
                ApprovalConfig.FRAUD_SUSPENSION, raw));
        assertEquals(ApprovalConfig.DEFAULT_TTL, config.challengeTtlSeconds());
        assertEquals(ApprovalConfig.DEFAULT_PIN_ATTEMPTS, config.maxPinAttempts());
        assertEquals(ApprovalConfig.DEFAULT_FRAUD_SUSPENSION, config.fraudSuspensionMinutes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "-99999999999", "99999999999999999999"})
    void numbersBeyondAnIntStillGiveAValueWithinBounds(String raw) {
        ApprovalConfig config = ApprovalConfig.of(Map.of(
                ApprovalConfig.CHALLENGE_TTL, raw,
                ApprovalConfig.MAX_PIN_ATTEMPTS, raw,
                ApprovalConfig.FRAUD_SUSPENSION, raw));
        assertTrue(config.challengeTtlSeconds() >= 30 && config.challengeTtlSeconds() <= 600);
        assertTrue(config.maxPinAttempts() >= 1 && config.maxPinAttempts() <= 10);
        assertTrue(config.fraudSuspensionMinutes() >= 0 && config.fraudSuspensionMinutes() <= 7 * 24 * 60);
    }

    @Test
    void defaultsThemselvesAreWithinBounds() {
        assertTrue(ApprovalConfig.DEFAULT_TTL >= ApprovalConfig.MIN_TTL && ApprovalConfig.DEFAULT_TTL <= ApprovalConfig.MAX_TTL);
        assertTrue(ApprovalConfig.DEFAULT_PIN_ATTEMPTS >= 1
                && ApprovalConfig.DEFAULT_PIN_ATTEMPTS <= ApprovalConfig.MAX_PIN_ATTEMPTS_LIMIT);
        assertEquals(600, ApprovalConfig.MAX_TTL);
        assertEquals(30, ApprovalConfig.MIN_TTL);
        assertEquals(10, ApprovalConfig.MAX_PIN_ATTEMPTS_LIMIT);
    }

    @Test
    void oneBadSettingDoesNotSpoilTheOthers() {
        ApprovalConfig config = ApprovalConfig.of(Map.of(
                ApprovalConfig.CHALLENGE_TTL, "soon",
                ApprovalConfig.MAX_PIN_ATTEMPTS, "4",
                ApprovalConfig.FRAUD_SUSPENSION, "100000",
                ApprovalConfig.CODE_MODE, "PICK"));
        assertEquals(new ApprovalConfig(PushChallenge.CodeMode.PICK, 120, 4, 10080, "", PushSettings.of(Map.of())), config);
    }

    @ParameterizedTest(name = "codeMode={0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {"pick, PICK", "PICK, PICK", "Pick, PICK", "type, TYPE", "TYPE, TYPE",
            "NULL, TYPE", "'', TYPE", "bogus, TYPE", "picky, TYPE"})
    void codeModeIsPickOnlyWhenAskedForAndTypeOtherwise(String raw, PushChallenge.CodeMode expected) {
        Map<String, String> values = new HashMap<>();
        values.put(ApprovalConfig.CODE_MODE, raw);
        assertEquals(expected, ApprovalConfig.of(values).codeMode());
    }

    @Test
    void reportContactIsTrimmed() {
        assertEquals("+33 1 23 45 67 89", ApprovalConfig.of(Map.of(ApprovalConfig.REPORT_CONTACT, "\t+33 1 23 45 67 89  ")).reportContact());
        assertEquals("", ApprovalConfig.of(Map.of(ApprovalConfig.REPORT_CONTACT, "   ")).reportContact());
    }
}
