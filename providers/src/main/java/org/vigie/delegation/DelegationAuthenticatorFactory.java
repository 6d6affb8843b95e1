package org.vigie.delegation;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class DelegationAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigie-delegation";
    private static final DelegationAuthenticator SINGLETON = new DelegationAuthenticator();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(DelegationSettings.DEFAULT_DURATION)
            .label("Default duration (minutes)")
            .helpText("Duration preselected for a delegation: " + DelegationSettings.MIN_MINUTES + " to "
                    + DelegationSettings.LIMIT_MINUTES + " minutes, at most the maximum.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DelegationSettings.DEFAULT_MINUTES))
            .add()
            .property()
            .name(DelegationSettings.MAX_DURATION)
            .label("Maximum duration (minutes)")
            .helpText("Longest delegation an assistant may ask for: at most " + DelegationSettings.LIMIT_MINUTES
                    + " minutes (12 h); larger values are brought back to it.")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(Integer.toString(DelegationSettings.LIMIT_MINUTES))
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie delegation approved in person";
    }

    @Override
    public String getReferenceCategory() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "After an assistant's own device approval, offers to type for a practitioner, who approves on their own "
                + "device with their PIN and the code shown on the assistant's screen. Only for clients requesting the "
                + "'" + DelegationAuthenticator.SCOPE + "' scope and users with the '" + DelegationAuthenticator.ROLE + "' role.";
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
        return CONFIG;
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
