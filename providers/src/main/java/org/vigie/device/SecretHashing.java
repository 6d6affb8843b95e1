package org.vigie.device;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * PINs and activation codes are hashed with the realm's password hashing provider (Keycloak's
 * own: Argon2 or PBKDF2 per the realm's password policy), never stored in clear.
 */
public final class SecretHashing {

    /** Hash and salt as the provider encoded them, kept as two strings inside our own credentials. */
    public record Hashed(String credentialData, String secretData) {
    }

    private SecretHashing() {
    }

    public static Hashed hash(KeycloakSession session, RealmModel realm, String secret) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        // No hashing policy on the realm: Keycloak's default provider, as for passwords.
        PasswordHashProvider provider = policy.getHashAlgorithm() == null
                ? session.getProvider(PasswordHashProvider.class)
                : provider(session, policy.getHashAlgorithm());
        PasswordCredentialModel encoded = provider.encodedCredential(secret, policy.getHashIterations());
        return new Hashed(encoded.getCredentialData(), encoded.getSecretData());
    }

    public static boolean verify(KeycloakSession session, String secret, String credentialData, String secretData) {
        if (secret == null || credentialData == null || secretData == null) {
            return false;
        }
        CredentialModel stored = new CredentialModel();
        stored.setType(PasswordCredentialModel.TYPE);
        stored.setCredentialData(credentialData);
        stored.setSecretData(secretData);
        PasswordCredentialModel password = PasswordCredentialModel.createFromCredentialModel(stored);
        return provider(session, password.getPasswordCredentialData().getAlgorithm()).verify(secret, password);
    }

    private static PasswordHashProvider provider(KeycloakSession session, String algorithm) {
        PasswordHashProvider provider = session.getProvider(PasswordHashProvider.class, algorithm);
        if (provider == null) {
            throw new IllegalStateException("No password hash provider " + algorithm);
        }
        return provider;
    }
}
