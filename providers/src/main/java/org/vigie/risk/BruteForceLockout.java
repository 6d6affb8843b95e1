package org.vigie.risk;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The realm's brute-force detection (Realm settings → Security defenses), applied to Vigie's
 * logins: a wrong PIN or a wrong code on the phone counts as a failed login for the practitioner,
 * and a practitioner it locks gets no push and cannot approve. Keycloak's own flows cannot count
 * these failures themselves: they happen on the device API, and the identifier step does not put
 * the user on the flow (no enumeration). Successful Vigie logins reset the count as any login does.
 */
public final class BruteForceLockout {

    private BruteForceLockout() {
    }

    /** Locked for now (temporary lockout) or for good (permanent lockout) by the realm's brute-force detection. */
    public static boolean isLocked(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector.isPermanentlyLockedOut(session, realm, user) || protector.isTemporarilyDisabled(session, realm, user);
    }

    /** Counts one failed login for the practitioner (a wrong PIN, a wrong code), from the device's address. */
    public static void failedLogin(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return;
        }
        KeycloakContext context = session.getContext();
        // No authentication category: counted with the realm's primary failures, like a wrong password.
        session.getProvider(BruteForceProtector.class).failedLogin(realm, user, context.getConnection(), context.getUri(), null);
    }
}
