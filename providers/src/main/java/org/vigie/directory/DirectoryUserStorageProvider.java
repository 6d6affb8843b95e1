package org.vigie.directory;

import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.ImportedUserValidation;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryMethodsProvider;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;

/**
 * The national directory as a Keycloak user store, the way Keycloak federates LDAP: a practitioner
 * is looked up by national identifier in Vigie's directory table (primary key), and imported
 * into Keycloak's local users the first time they are named (identifier step, enrolment, admin
 * lookup by username), linked to this store. From then on Keycloak's own user (devices, sessions,
 * events) is used, and {@link #validate} keeps its directory attributes current.
 */
public class DirectoryUserStorageProvider implements UserStorageProvider, UserLookupProvider, UserQueryMethodsProvider,
        ImportedUserValidation {

    private final KeycloakSession session;
    private final ComponentModel model;

    DirectoryUserStorageProvider(KeycloakSession session, ComponentModel model) {
        this.session = session;
        this.model = model;
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        // Called only when Keycloak's local users have no such username.
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(username);
        if (!parsed.valid() || parsed.identifier().type() == NationalIdentifier.Type.STAFF
                || !parsed.identifier().nationalId().equals(username)) {
            return null;
        }
        return importIfListed(realm, username);
    }

    /**
     * The identifier step, enrolment, CIBA: Keycloak removes duplicates of this query by user id, so
     * a practitioner imported by a concurrent lookup since Keycloak's local query ran is returned
     * here rather than missed.
     */
    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String attribute, String value) {
        return find(realm, attribute, value, true);
    }

    /**
     * A practitioner not imported yet holding {@code attribute = value} (RPPS or ADELI), imported now.
     * {@code deduplicated}: the caller drops a user found twice, so an already imported practitioner
     * may be returned; otherwise (admin searches list what they get) only one imported now.
     */
    private Stream<UserModel> find(RealmModel realm, String attribute, String value, boolean deduplicated) {
        PractitionerLookup lookup = PractitionerLookup.ofBrowserFlow(realm);
        for (NationalIdentifier.Type type : new NationalIdentifier.Type[] {NationalIdentifier.Type.RPPS, NationalIdentifier.Type.ADELI}) {
            if (lookup.attributeFor(type).equals(attribute) && value != null && value.length() == type.length()) {
                String nationalId = type.nationalPrefix() + value;
                UserModel existing = local().getUserByUsername(realm, nationalId);
                if (existing != null) {
                    // A demo user of that name is Keycloak's own; an imported one, Keycloak's local query found,
                    // unless a concurrent lookup imported it since: returned where duplicates are dropped.
                    return deduplicated && model.getId().equals(existing.getFederationLink()) ? Stream.of(existing) : Stream.empty();
                }
                UserModel imported = importIfListed(realm, nationalId);
                return imported == null ? Stream.empty() : Stream.of(imported);
            }
        }
        return Stream.empty();
    }

    private UserModel importIfListed(RealmModel realm, String nationalId) {
        DirectoryEntryEntity entry = new DirectoryStore(session).find(realm.getId(), nationalId);
        if (entry == null || !entry.isActive() || FirstLookup.heldByAnotherUser(local(), realm, model.getId(), nationalId)) {
            return null;
        }
        // Imported in a transaction of its own (FirstLookup): this request then reads the user as committed.
        String userId = FirstLookup.importUser(session, realm.getId(), model.getId(), nationalId);
        return userId == null ? null : local().getUserById(realm, userId);
    }

    @Override
    public UserModel validate(RealmModel realm, UserModel user) {
        DirectoryEntryEntity entry = new DirectoryStore(session).find(realm.getId(), user.getUsername());
        if (entry != null) {
            // Loaded outside the user cache (a restart, an eviction, an import reading the user): the
            // change is applied here, so it is announced here, once; the caller then finds nothing to do.
            DirectoryUser.syncAndAnnounce(session, realm, user, entry);
        }
        // A user whose entry was removed by hand is kept as it is: nothing is deleted silently.
        return user;
    }

    private UserProvider local() {
        return UserStoragePrivateUtil.userLocalStorage(session);
    }

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        return null; // imported users have local ids
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        return null;
    }

    /**
     * The admin console and REST search: a search for one national identifier (national id, RPPS or
     * ADELI, as username, free text or {@code q=rpps:…}) finds a practitioner not imported yet;
     * listings show imported practitioners only (2.2 M rows are not a page).
     */
    @Override
    public Stream<UserModel> searchForUserStream(RealmModel realm, Map<String, String> params, Integer first, Integer max) {
        if (first != null && first > 0) {
            return Stream.empty();
        }
        PractitionerLookup lookup = PractitionerLookup.ofBrowserFlow(realm);
        String typed = params.getOrDefault(UserModel.USERNAME, params.get(UserModel.SEARCH));
        NationalIdentifier.Parsed parsed = typed == null ? null : NationalIdentifier.parse(typed.replace("*", ""));
        if (parsed == null || !parsed.valid()) {
            for (NationalIdentifier.Type type : new NationalIdentifier.Type[] {NationalIdentifier.Type.RPPS, NationalIdentifier.Type.ADELI}) {
                String value = params.get(lookup.attributeFor(type));
                if (value != null) {
                    return find(realm, lookup.attributeFor(type), value, false);
                }
            }
            return Stream.empty();
        }
        NationalIdentifier identifier = parsed.identifier();
        if (identifier.type() == NationalIdentifier.Type.STAFF) {
            return Stream.empty();
        }
        return find(realm, lookup.attributeFor(identifier.type()), identifier.number(), false);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer first, Integer max) {
        return Stream.empty();
    }

    @Override
    public void preRemove(RealmModel realm) {
        new DirectoryStore(session).removeRealm(realm.getId());
    }

    @Override
    public void close() {
    }
}
