package org.vigie.directory;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * A practitioner's first lookup imports them into Keycloak's local users in a transaction of its
 * own. Two first lookups of the same practitioner at the same instant (two nodes, or two requests
 * on one) both try to insert the same username: the database lets one commit and fails the other,
 * whose transaction is then unusable (rollback-only; PostgreSQL aborts it). Done inside the
 * request's own transaction, that failure would end the login; done here, only this small
 * transaction fails, and the loser reads the winner's user in a new one. The request's transaction
 * then sees the committed user (read committed, the isolation Keycloak runs its databases with).
 */
final class FirstLookup {

    /** Tries of the import; a try after a failure finds the winner's user, so two are enough in practice. */
    static final int ATTEMPTS = 4;

    private static final Logger LOG = Logger.getLogger(FirstLookup.class);

    private FirstLookup() {
    }

    /** The local user's id of this listed practitioner (created now, or by whoever came first), or null. */
    static String importUser(KeycloakSession session, String realmId, String componentId, String nationalId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), session.getContext(),
                        s -> createOrFind(s, realmId, componentId, nationalId), "vigie-directory-first-lookup");
            } catch (RuntimeException e) {
                // A unique-username failure (ModelDuplicateException) or, on H2, a lock timeout on the
                // winner's uncommitted row: the next try reads the winner's user.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("First lookup of %s met a concurrent import (%s); reading the winner's user", nationalId, e);
                pause(attempt);
            }
        }
    }

    private static String createOrFind(KeycloakSession s, String realmId, String componentId, String nationalId) {
        RealmModel realm = s.realms().getRealm(realmId);
        s.getContext().setRealm(realm);
        UserProvider local = UserStoragePrivateUtil.userLocalStorage(s);
        UserModel existing = local.getUserByUsername(realm, nationalId);
        if (existing != null) {
            // Imported by a concurrent lookup; a realm's own user of that name is never taken over.
            return componentId.equals(existing.getFederationLink()) ? existing.getId() : null;
        }
        DirectoryEntryEntity entry = new DirectoryStore(s).find(realmId, nationalId);
        if (entry == null || !entry.isActive()) {
            return null;
        }
        UserModel user = local.addUser(realm, nationalId);
        user.setFederationLink(componentId);
        user.setEnabled(true);
        DirectoryUser.write(realm, user, entry);
        return user.getId();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(25L << attempt); // 50, 100, 200 ms: the winner's commit is a few milliseconds away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing a practitioner", e);
        }
    }
}
