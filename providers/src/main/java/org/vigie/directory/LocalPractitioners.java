package org.vigie.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;

/**
 * The realm's own practitioners (local users holding an RPPS or ADELI, not imported from the
 * directory: a demo realm's, hand-made ones), which an import leaves alone unless the operator asks
 * ({@code --disable-absent-local}): then those the file does not list are disabled by the same
 * rules as the directory's practitioners (devices kept, an event with the reason, enabled again
 * when the file lists them again only if Vigie disabled them).
 */
final class LocalPractitioners {

    static final int MAX_PAGE = 1000;

    /** One national id of one of the realm's own practitioners; a user holding an RPPS and an ADELI gives two, with one userId. */
    record Local(String userId, String nationalId, boolean enabled, boolean disabledByVigie) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("userId", userId);
            map.put("nationalId", nationalId);
            map.put("enabled", enabled);
            map.put("disabledByVigie", disabledByVigie);
            return map;
        }
    }

    /** A page of local users (Keycloak's listing, by offset) and the practitioners among them. */
    record Page(List<Local> practitioners, boolean more) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PractitionerLookup lookup;

    LocalPractitioners(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.lookup = PractitionerLookup.ofBrowserFlow(realm);
    }

    /**
     * Local users {@code first} to {@code first + max}: every local user is read once per import
     * with the option (directory-imported ones skipped), a cost that grows with the realm's users.
     */
    Page page(int first, int max) {
        List<Local> found = new ArrayList<>();
        int[] read = {0};
        local().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, max).forEach(user -> {
            read[0]++;
            if (user.getFederationLink() == null) {
                boolean byVigie = user.getFirstAttribute(DirectoryUser.LEFT_ATTRIBUTE) != null;
                if (byVigie && user.isEnabled()) {
                    // Enabled by an operator since Vigie disabled them: comeBack drops Vigie's marker, so
                    // that the operator's own disable later is never undone. Through the cache layer.
                    UserModel cached = session.users().getUserById(realm, user.getId());
                    if (cached != null) {
                        DirectoryUser.comeBack(cached);
                    }
                    byVigie = false;
                }
                boolean disabledByVigie = byVigie;
                lookup.nationalIds(user).forEach(id -> found.add(new Local(user.getId(), id, user.isEnabled(), disabledByVigie)));
            }
        });
        return new Page(found, read[0] == max);
    }

    /** Disables the realm's own enabled practitioners holding these national ids; returns how many. */
    int disable(List<String> nationalIds) {
        int disabled = 0;
        for (String nationalId : nationalIds) {
            for (UserModel user : holders(nationalId)) {
                if (DirectoryUser.leave(user)) {
                    DirectoryUser.announce(session, realm, user, nationalId, DirectoryImport.REASON_LEFT);
                    disabled++;
                }
            }
        }
        return disabled;
    }

    /** Enables again those of the realm's own practitioners holding these ids whom Vigie disabled; returns how many. */
    int enable(List<String> nationalIds) {
        int enabled = 0;
        for (String nationalId : nationalIds) {
            for (UserModel user : holders(nationalId)) {
                if (DirectoryUser.comeBack(user)) {
                    DirectoryUser.announce(session, realm, user, nationalId, DirectoryImport.REASON_RETURNED);
                    enabled++;
                }
            }
        }
        return enabled;
    }

    /** Local users without the directory's link holding this national id (the identifier step's attributes). */
    private List<UserModel> holders(String nationalId) {
        NationalIdentifier.Parsed parsed = NationalIdentifier.parse(nationalId);
        if (!parsed.valid() || parsed.identifier().type() == NationalIdentifier.Type.STAFF) {
            return List.of();
        }
        NationalIdentifier identifier = parsed.identifier();
        List<UserModel> holders = new ArrayList<>();
        local().searchForUserByUserAttributeStream(realm, lookup.attributeFor(identifier.type()), identifier.number())
                .filter(user -> user.getFederationLink() == null)
                // Through the cache layer, so that every node drops its cached copy.
                .map(user -> session.users().getUserById(realm, user.getId()))
                .filter(user -> user != null)
                .forEach(holders::add);
        return holders;
    }

    private UserProvider local() {
        return UserStoragePrivateUtil.userLocalStorage(session);
    }
}
