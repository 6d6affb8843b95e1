package org.vigie.directory;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;

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

    /**
     * Tries of the import; a try after a failure finds the winner's user, so two are enough in
     * practice. No pause between tries: the loser's insert already waited on the database's lock
     * of the winner's row until the winner committed (or the lock timed out), so the next try reads it.
     */
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

    /**
     * Whether a user not imported from this directory (a demo or hand-made user whatever its
     * username, or one of another user store such as LDAP) already holds this national id in the
     * identifier step's attribute. Such a user stays the practitioner: importing the directory's
     * entry beside it would make two holders, and the identifier step refuses an identifier held twice.
     */
    static boolean heldByAnotherUser(UserProvider local, RealmModel realm, String componentId, String nationalId) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(nationalId);
        if (!parsed.valid() || parsed.identifier().type() == NationalIdentifier.Type.STAFF) {
            return false;
        }
        NationalIdentifier identifier = parsed.identifier();
        return local.searchForUserByUserAttributeStream(realm,
                        PractitionerLookup.ofBrowserFlow(realm).attributeFor(identifier.type()), identifier.number())
                .filter(user -> !componentId.equals(user.getFederationLink()))
                .peek(user -> LOG.debugf("Directory entry %s not imported: user %s (%s) already holds it", nationalId,
                        user.getUsername(), user.isEnabled() ? "enabled" : "disabled"))
                .findAny().isPresent();
    }
}
