package org.vigie.ciba;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.vigie.identifier.NationalIdentifier;
import org.vigie.identifier.PractitionerLookup;
import org.vigie.risk.BruteForceLockout;

/**
 * {@code login_hint} is a national identifier (RPPS, {@code 8}+RPPS, ADELI, {@code 0}+ADELI), read as
 * the identifier step reads it. A malformed one is refused (the format is public); a well-formed one
 * nobody holds, or whose practitioner is disabled or locked by the realm's brute-force detection,
 * gets an {@link UnknownPractitioner}, so the answer does not tell who is enrolled or locked.
 * The request's code is checked and claimed here too ({@link CibaCodeClaim}), for any identifier alike.
 */
public class NationalIdUserResolver implements CIBALoginUserResolver {

    private final KeycloakSession session;
    /** The canonical national identifier of each user handed out by this request. */
    private final Map<String, String> nationalIds = new HashMap<>();

    public NationalIdUserResolver(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public UserModel getUserFromLoginHint(String loginHint) {
        NationalIdentifier identifier = NationalIdentifier.parse(loginHint).asOptional().orElse(null);
        if (identifier == null) {
            return null;
        }
        RealmModel realm = session.getContext().getRealm();
        CibaCodeClaim.claim(session, realm, identifier.nationalId());
        UserModel user = PractitionerLookup.ofBrowserFlow(realm).findUser(session, realm, identifier);
        if (user == null || BruteForceLockout.isLocked(session, realm, user)) {
            // Keycloak answers invalid_user for a locked user: that would tell "enrolled and locked".
            user = new UnknownPractitioner(session, realm, identifier.nationalId());
        }
        nationalIds.put(user.getId(), identifier.nationalId());
        return user;
    }

    /** What the channel names the challenge with: the identifier the service sent, canonical. */
    @Override
    public String getInfoUsedByAuthentication(UserModel user) {
        String known = nationalIds.get(user.getId());
        if (known != null) {
            return known;
        }
        return PractitionerLookup.ofBrowserFlow(session.getContext().getRealm()).nationalIds(user).stream()
                .findFirst().orElse(user.getUsername());
    }

    @Override
    public UserModel getUserFromInfoUsedByAuthentication(String info) {
        RealmModel realm = session.getContext().getRealm();
        return NationalIdentifier.parse(info).asOptional()
                .map(identifier -> PractitionerLookup.ofBrowserFlow(realm).findUser(session, realm, identifier))
                .orElse(null);
    }

    @Override
    public void close() {
    }
}
