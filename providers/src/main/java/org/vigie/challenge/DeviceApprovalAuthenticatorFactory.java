package org.vigie.challenge;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class DeviceApprovalAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigie-device-approval";
    private static final DeviceApprovalAuthenticator SINGLETON = new DeviceApprovalAuthenticator();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(ApprovalConfig.CODE_MODE)
            .label("Code mode")
            .helpText("type: the browser shows 6 random digits and a check digit (7 in all) the practitioner types in the app (NIST SP 800-63B-4). "
                    + "pick: the app shows three codes and the practitioner picks the one the browser shows (ProSantéConnect).")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options("type", "pick")
            .defaultValue("type")
            .add()
            .property()
            .name(ApprovalConfig.CHALLENGE_TTL)
            .label("Challenge lifetime (seconds)")
            .helpText("How long the practitioner has to approve: " + ApprovalConfig.MIN_TTL + " to " + ApprovalConfig.MAX_TTL
                    + " seconds (values outside are brought back within).")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(ApprovalConfig.DEFAULT_TTL))
            .add()
            .property()
            .name(ApprovalConfig.MAX_PIN_ATTEMPTS)
            .label("Wrong PINs before the device is locked")
            .helpText("Consecutive wrong PINs, across challenges, after which the device is locked until re-enrolment "
                    + "or an operator's unlock. 1 to " + ApprovalConfig.MAX_PIN_ATTEMPTS_LIMIT + ".")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(ApprovalConfig.DEFAULT_PIN_ATTEMPTS))
            .add()
            .property()
            .name(ApprovalConfig.FRAUD_SUSPENSION)
            .label("Suspension after 'Ce n'est pas moi' (minutes)")
            .helpText("After a fraud report, no push reaches the practitioner for this long (0: no suspension).")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(ApprovalConfig.DEFAULT_FRAUD_SUSPENSION))
            .add()
            .property()
            .name(ApprovalConfig.REPORT_CONTACT)
            .label("Where to report fraud")
            .helpText("Shown to the practitioner on the 'reported' page and in the e-mail (address, phone or URL of your security team).")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("")
            .add()
            .build();

    /** The step's own settings, then the push service's (see PushSettings). */
    private static final List<ProviderConfigProperty> ALL_CONFIG = java.util.stream.Stream
            .concat(CONFIG.stream(), org.vigie.push.PushSettings.CONFIG_PROPERTIES.stream()).toList();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie device approval";
    }

    @Override
    public String getReferenceCategory() {
        // The type of the device credential it checks (device.DeviceCredentialModel.TYPE, kept equal by
        // a unit test: challenge does not depend on device): the Account Console lists the types the
        // realm's flows use.
        return "vigie-device";
    }

    @Override
    public String getHelpText() {
        return "Push challenge approved on the practitioner's enrolled device with the PIN and the code shown in the browser. "
                + "Handles identifiers nobody holds with the same page (a challenge that simply expires).";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED
        };
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ALL_CONFIG;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
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
