package org.vigie.device;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;
import org.vigie.common.BoundedSetting;
import java.util.Map;

/**
 * Required action "Vigie: enrol a device": shows the practitioner an activation code for their
 * phone app. Operators send it with the admin console's stock "Send email → Required actions"
 * (the link proves the practitioner reads the directory's e-mail address), or set it on the user;
 * a signed-in practitioner's application can start it with {@code kc_action=vigie-enrol-device}
 * to add a device.
 */
public class DeviceEnrolmentRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = org.vigie.common.LoginNotes.ENROL_DEVICE_ACTION;
    public static final String CONFIG_CODE_TTL = ActivationCodes.TTL.key();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(CONFIG_CODE_TTL)
            .label("Activation code lifetime (seconds)")
            .helpText("How long the code shown on the page can be typed into the phone app ("
                    + ActivationCodes.TTL.min() + " to " + ActivationCodes.TTL.max() + "). Single use; showing the page again replaces an expired code.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(ActivationCodes.DEFAULT_TTL_SECONDS))
            .add()
            .property()
            .name(EnrolmentLimits.CONFIG_PER_ADDRESS)
            .label("Enrolment attempts per client address (15 minutes)")
            .helpText("Enrolment attempts (POST /enroll, right or wrong) one client address may make in any 15 minutes, "
                    + "cluster-wide; more get 429. 1 to " + EnrolmentLimits.MAX_SETTING + ".")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(EnrolmentLimits.DEFAULT_PER_ADDRESS))
            .add()
            .property()
            .name(EnrolmentLimits.CONFIG_PER_MINUTE)
            .label("Enrolment attempts per minute (whole realm)")
            .helpText("Enrolment attempts the whole realm accepts in any minute, from all addresses, cluster-wide; "
                    + "more get 429. 1 to " + EnrolmentLimits.MAX_SETTING + ".")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(EnrolmentLimits.DEFAULT_PER_MINUTE))
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Vigie: enrol a device (activation code)";
    }

    /** Once done, the e-mailed link stops working: nobody else reading the mailbox can get a code from it. */
    @Override
    public boolean isOneTimeAction() {
        return true;
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new DeviceEnrolmentRequiredAction();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return java.util.stream.Stream.concat(RequiredActionFactory.super.getConfigMetadata().stream(), CONFIG.stream()).toList();
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        Map<String, String> config = model.getConfig() == null ? Map.of() : model.getConfig();
        for (BoundedSetting setting : List.of(ActivationCodes.TTL, EnrolmentLimits.PER_ADDRESS, EnrolmentLimits.PER_MINUTE)) {
            if (setting.problem(config).isPresent()) {
                throw new ValidationException(new ValidationError(getId(), setting.key(), "error-number-out-of-range",
                        setting.min(), setting.max()));
            }
        }
    }

    static int ttlOf(RequiredActionConfigModel model) {
        return ActivationCodes.TTL.read(model == null ? null : model.getConfig());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
