package org.vigie.device;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class DeviceCredentialProviderFactory implements CredentialProviderFactory<DeviceCredentialProvider> {

    public static final String PROVIDER_ID = "vigie-device";

    @Override
    public DeviceCredentialProvider create(KeycloakSession session) {
        return new DeviceCredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
