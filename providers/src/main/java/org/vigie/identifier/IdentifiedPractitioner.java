package org.vigie.identifier;

import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * What the identifier step left for the steps after it: the national identifier typed (always)
 * and the practitioner holding it (only when one does). Steps after it must treat both cases
 * alike on every page they show.
 *
 * <p>The identifier typed decides whose login it is. On a browser that already holds a session,
 * Keycloak's cookie step has set that session's user on the flow; it is never used here, so that
 * a second practitioner typing their own identifier never sends the push to the first one.
 */
public final class IdentifiedPractitioner {

    private IdentifiedPractitioner() {
    }

    public static String nationalId(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getAuthNote(IdentifierFormAuthenticator.NOTE_NATIONAL_ID);
    }

    /** The practitioner holding the identifier typed, re-read and re-checked (still enabled) on every call. */
    public static Optional<UserModel> user(AuthenticationFlowContext context) {
        String id = context.getAuthenticationSession().getAuthNote(IdentifierFormAuthenticator.NOTE_USER_ID);
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getSession().users().getUserById(context.getRealm(), id))
                .filter(UserModel::isEnabled);
    }
}
