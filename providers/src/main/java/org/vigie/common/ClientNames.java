package org.vigie.common;

import org.keycloak.models.ClientModel;

/** How pages, mails and the phone name a health service. */
public final class ClientNames {

    private ClientNames() {
    }

    /** Its name as the operator set it, or its client id when it has none. */
    public static String display(ClientModel client) {
        return client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
    }
}
