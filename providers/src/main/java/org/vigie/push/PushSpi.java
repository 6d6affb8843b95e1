package org.vigie.push;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Vigie's push services: one provider per wire protocol (Web Push, FCM), picked per realm in the approval step. */
public class PushSpi implements Spi {

    public static final String NAME = "vigie-push";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PushProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PushProviderFactory.class;
    }
}
