package org.vigie.discovery;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * Serves the realm's OpenID Connect discovery document also at
 * {@code /realms/{realm}/.well-known/wallet-openid-configuration}, where ProSantéConnect serves
 * it and where existing PSC relying parties look for it. Same document as
 * {@code openid-configuration}, built by Keycloak's own provider.
 */
public class WalletDiscoveryProviderFactory implements WellKnownProviderFactory {

    public static final String PROVIDER_ID = "wallet-openid-configuration";

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return session.getProvider(WellKnownProvider.class, OIDCWellKnownProviderFactory.PROVIDER_ID);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
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
