package org.vigie.push;

import org.keycloak.provider.ProviderFactory;

/** A push service's factory; it owns this node's delivery queue for that service. */
public interface PushProviderFactory extends ProviderFactory<PushProvider> {

    /** The kind of endpoint a device registers for this service ({@code webpush}, {@code fcm}). */
    default String endpointType() {
        return getId();
    }

    PushDispatcher dispatcher();
}
