package org.vigie.identifier;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.vigie.common.BoundedSetting;

public class IdentifierFormAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "vigie-identifier";
    public static final String CONFIG_RPPS_ATTRIBUTE = "rppsAttribute";
    public static final String CONFIG_ADELI_ATTRIBUTE = "adeliAttribute";
    public static final String DEFAULT_RPPS_ATTRIBUTE = "rpps";
    public static final String DEFAULT_ADELI_ATTRIBUTE = "adeli";
    public static final String CONFIG_ENROLMENT_LINKS = "enrolmentLinks";
    public static final String CONFIG_ENROLMENT_LINK_LIFESPAN = "enrolmentLinkLifespanSeconds";
    public static final int DEFAULT_ENROLMENT_LINK_LIFESPAN = 900;
    static final BoundedSetting ENROLMENT_LINK_LIFESPAN =
            new BoundedSetting(CONFIG_ENROLMENT_LINK_LIFESPAN, DEFAULT_ENROLMENT_LINK_LIFESPAN, 300, 86400);

    private static final IdentifierFormAuthenticator SINGLETON = new IdentifierFormAuthenticator();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(CONFIG_RPPS_ATTRIBUTE)
            .label("RPPS attribute")
            .helpText("User attribute holding the practitioner's 11-digit RPPS number (without the national prefix 8).")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(DEFAULT_RPPS_ATTRIBUTE)
            .add()
            .property()
            .name(CONFIG_ADELI_ATTRIBUTE)
            .label("ADELI attribute")
            .helpText("User attribute holding the practitioner's 9-digit ADELI number (without the national prefix 0).")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(DEFAULT_ADELI_ATTRIBUTE)
            .add()
            .property()
            .name(CONFIG_ENROLMENT_LINKS)
            .label("Enrolment links by e-mail")
            .helpText("Offer \"enrol a phone\" on the identifier page: a practitioner with a verified e-mail address gets a link "
                    + "to a page showing an activation code (required action 'Vigie: enrol a device', which must be enabled). "
                    + "The page answers the same for any identifier; one link per identifier every 15 minutes.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true")
            .add()
            .property()
            .name(CONFIG_ENROLMENT_LINK_LIFESPAN)
            .label("Enrolment link lifetime (seconds)")
            .helpText("How long the e-mailed link works (300 to 86400).")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(DEFAULT_ENROLMENT_LINK_LIFESPAN))
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigie identifier";
    }

    @Override
    public String getReferenceCategory() {
        return "vigie-identifier";
    }

    @Override
    public String getHelpText() {
        return "Identifier-first form: RPPS, ADELI or national identifier (8+RPPS, 0+ADELI), RPPS Luhn key checked. "
                + "Unknown identifiers continue like known ones so accounts cannot be enumerated; the next step must handle a missing user.";
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
