package org.vigie.challenge;

import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;
import org.vigie.common.BoundedSetting;

/** The device approval step's settings (admin console), with defaults and safe bounds. */
public record ApprovalConfig(PushChallenge.CodeMode codeMode, int challengeTtlSeconds, int maxPinAttempts,
                             int fraudSuspensionMinutes, String reportContact, org.vigie.push.PushSettings push) {

    public static final String CODE_MODE = "codeMode";
    public static final String CHALLENGE_TTL = "challengeTtlSeconds";
    public static final String MAX_PIN_ATTEMPTS = "maxPinAttempts";
    public static final String FRAUD_SUSPENSION = "fraudSuspensionMinutes";
    public static final String REPORT_CONTACT = "reportContact";

    public static final int DEFAULT_TTL = 120;
    /** NIST SP 800-63B-4: an out-of-band authentication completes within 10 minutes. */
    public static final int MAX_TTL = 600;
    public static final int MIN_TTL = 30;
    public static final int DEFAULT_PIN_ATTEMPTS = 5;
    /** NIST SP 800-63B-4: at most 10 wrong PINs before the authenticator is disabled. */
    public static final int MAX_PIN_ATTEMPTS_LIMIT = 10;
    public static final int DEFAULT_FRAUD_SUSPENSION = 20;

    static final BoundedSetting TTL_SETTING = new BoundedSetting(CHALLENGE_TTL, DEFAULT_TTL, MIN_TTL, MAX_TTL);
    static final BoundedSetting PIN_ATTEMPTS_SETTING =
            new BoundedSetting(MAX_PIN_ATTEMPTS, DEFAULT_PIN_ATTEMPTS, 1, MAX_PIN_ATTEMPTS_LIMIT);
    static final BoundedSetting FRAUD_SUSPENSION_SETTING =
            new BoundedSetting(FRAUD_SUSPENSION, DEFAULT_FRAUD_SUSPENSION, 0, 7 * 24 * 60);

    public static ApprovalConfig defaults() {
        return of((Map<String, String>) null);
    }

    /** The settings of the realm's browser flow's approval step, for device requests naming no login. */
    public static ApprovalConfig ofBrowserFlow(org.keycloak.models.RealmModel realm) {
        return of(org.vigie.common.BrowserFlowSteps.config(realm, DeviceApprovalAuthenticatorFactory.PROVIDER_ID).orElse(null));
    }

    public static ApprovalConfig of(AuthenticatorConfigModel model) {
        return of(model == null ? null : model.getConfig());
    }

    public static ApprovalConfig of(Map<String, String> values) {
        Map<String, String> config = values == null ? Map.of() : values;
        return new ApprovalConfig(
                PushChallenge.CodeMode.of(config.get(CODE_MODE)),
                TTL_SETTING.read(config),
                PIN_ATTEMPTS_SETTING.read(config),
                FRAUD_SUSPENSION_SETTING.read(config),
                config.getOrDefault(REPORT_CONTACT, "").trim(),
                org.vigie.push.PushSettings.of(config));
    }
}
