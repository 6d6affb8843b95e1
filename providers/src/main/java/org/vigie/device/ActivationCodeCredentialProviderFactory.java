package org.vigie.device;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class ActivationCodeCredentialProviderFactory implements CredentialProviderFactory<ActivationCodeCredentialProvider> {

    public static final String PROVIDER_ID = "vigie-activation-code";

    @Override
    public ActivationCodeCredentialProvider create(KeycloakSession session) {
        return new ActivationCodeCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
