package org.vigie.ciba;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolverFactory;

/**
 * Vigie's CIBA user resolver. Its order above Keycloak's default makes it the server's resolver
 * without any option ({@code --spi-ciba-login-user-resolver--provider=vigie-national-id} says so explicitly).
 */
public class NationalIdUserResolverFactory implements CIBALoginUserResolverFactory {

    public static final String PROVIDER_ID = "vigie-national-id";

    @Override
    public CIBALoginUserResolver create(KeycloakSession session) {
        return new NationalIdUserResolver(session);
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

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 1;
    }
}
