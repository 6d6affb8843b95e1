package org.vigie.deviceapi;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Global (every realm, nothing to enable): a removed device must end its challenges wherever it is removed. */
public class DeviceRemovalFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "vigie-device-removal";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new DeviceRemoval(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
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
}
