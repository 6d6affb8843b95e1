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

    /**
     * The enabled practitioner holding the identifier typed in this login, looked up now (the
     * identifier step does not, so that every identifier costs it the same): only for decisions
     * that need the person, e.g. an on-call exception at night. Never the user of an SSO session
     * the browser may already hold: the identifier typed decides whose login it is.
     */
    public static Optional<UserModel> user(AuthenticationFlowContext context) {
        String nationalId = nationalId(context);
        if (nationalId == null) {
            return Optional.empty();
        }
        return NationalIdentifier.parse(nationalId).asOptional()
                .map(identifier -> PractitionerLookup.ofBrowserFlow(context.getRealm())
                        .findUser(context.getSession(), context.getRealm(), identifier));
    }
}
