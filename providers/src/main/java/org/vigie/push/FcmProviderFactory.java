package org.vigie.push;

import org.keycloak.models.KeycloakSession;

/** Firebase Cloud Messaging HTTP v1. */
public class FcmProviderFactory extends AbstractPushProviderFactory {

    public static final String ID = "fcm";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public PushProvider create(KeycloakSession session) {
        return new FcmProvider(http());
    }
}
