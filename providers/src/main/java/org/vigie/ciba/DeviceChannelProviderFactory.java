package org.vigie.ciba;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProviderFactory;

/**
 * The practitioner's device as Keycloak's CIBA authentication channel. Keycloak picks one channel
 * for the whole server: the configured one ({@code --spi-ciba-auth-channel--provider=vigie-device}),
 * else the one of highest order, so this one (order 1) replaces the HTTP channel (order 0) as soon
 * as Vigie is installed. Which clients may use CIBA is each client's setting (off by default).
 */
public class DeviceChannelProviderFactory implements AuthenticationChannelProviderFactory {

    public static final String PROVIDER_ID = "vigie-device";

    @Override
    public AuthenticationChannelProvider create(KeycloakSession session) {
        return new DeviceChannelProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new CibaCompletion());
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
