package org.vigie.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;
import org.vigie.device.DeviceCredentialModel;

/** Sends one notification to one device over a push service's wire protocol. */
public interface PushProvider extends Provider {

    /**
     * Delivers {@code message} to the device's registered endpoint. Never throws for a network or
     * service failure: it answers what happened, so the dispatcher can retry or clear the endpoint.
     * Called off the request thread, in a session of its own.
     */
    PushOutcome send(KeycloakSession session, RealmModel realm, PushSettings settings, DeviceCredentialModel.PushData target,
                     PushMessage message);

    @Override
    default void close() {
    }
}
