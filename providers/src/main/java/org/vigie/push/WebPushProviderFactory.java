package org.vigie.push;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Web Push (RFC 8030 / 8291 / 8292). Also the factory of the realm component holding the
 * generated VAPID key pair (see {@link VapidKeys}), whose private key is a secret property.
 */
public class WebPushProviderFactory extends AbstractPushProviderFactory implements ComponentFactory<PushProvider, PushProvider> {

    public static final String ID = "webpush";
    /** Server setting ({@code --spi-vigie-push-webpush-allow-private-endpoints}): off in production. */
    static final String ALLOW_PRIVATE_ENDPOINTS = "allow-private-endpoints";

    private boolean allowPrivateEndpoints;

    private static final List<ProviderConfigProperty> KEY_PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(VapidKeys.PUBLIC_KEY).label("VAPID public key").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(VapidKeys.PRIVATE_KEY).label("VAPID private key").type(ProviderConfigProperty.PASSWORD)
            .secret(true).add()
            .build();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        super.init(config);
        allowPrivateEndpoints = config.getBoolean(ALLOW_PRIVATE_ENDPOINTS, false);
    }

    @Override
    public PushProvider create(KeycloakSession session) {
        return new WebPushProvider(http(), allowPrivateEndpoints);
    }

    /** Whether this server pushes to loopback and private addresses (development and tests only). */
    public static boolean allowsPrivateEndpoints(KeycloakSession session) {
        return session.getKeycloakSessionFactory().getProviderFactory(PushProvider.class, ID)
                instanceof WebPushProviderFactory factory && factory.allowPrivateEndpoints;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOW_PRIVATE_ENDPOINTS).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Push to loopback and private addresses, and plain http on the loopback (development, tests)")
                .add().build();
    }

    @Override
    public PushProvider create(KeycloakSession session, ComponentModel model) {
        return create(session);
    }

    @Override
    public String getHelpText() {
        return "Vigie Web Push: the realm's generated VAPID key pair";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return KEY_PROPERTIES;
    }
}
