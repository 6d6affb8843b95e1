package org.vigie.push;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The approval step's push secrets (VAPID private key, FCM service account key) may be given as
 * {@code ${vault.name}}, read from Keycloak's vault at each use: the authenticator config, which
 * any admin who may view the realm reads unmasked through the admin API, then holds only the name.
 */
final class PushSecrets {

    private PushSecrets() {
    }

    /** The secret a setting names, the setting itself when it names no vault entry, "" when the entry is missing. */
    static String resolve(KeycloakSession session, String value) {
        if (value == null || !value.startsWith("${vault.")) {
            return value == null ? "" : value;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse("");
        }
    }
}
