package org.vigie.ciba;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponseException;
import org.vigie.challenge.ApprovalConfig;
import org.vigie.challenge.ChallengeStore;
import org.vigie.identifier.Luhn;

/**
 * The code of a CIBA login: the {@code binding_message} must be a Vigie code (six digits and their
 * Luhn key) that the service shows and the practitioner types on the phone, claimed for the
 * identifier like a browser login's code. Anything else is {@code invalid_binding_message}: a login
 * whose code the practitioner does not type could be approved from the list alone (push bombing
 * through a kiosk) and could never be found by code once strangers fill the list.
 *
 * <p>Checked while Keycloak resolves {@code login_hint}: a failure there is Keycloak's own 400, where
 * the channel can only answer 503. The claim is noted on the session for the channel.
 */
final class CibaCodeClaim {

    private static final String CLAIMED = "vigie.ciba.claimed-code";

    private CibaCodeClaim() {
    }

    /** Claims the request's code for the identifier, or answers {@code invalid_binding_message}. */
    static void claim(KeycloakSession session, RealmModel realm, String nationalId) {
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        String binding = form.getFirst("binding_message");
        if (!isVigieCode(binding)) {
            throw invalid("binding_message must be the Vigie code the service shows: six digits and their Luhn key");
        }
        long ttl = Math.min(realm.getCibaPolicy().getExpiresIn(), ApprovalConfig.MAX_TTL);
        if (!new ChallengeStore(session).claimCode(realm.getId(), nationalId, binding, ttl)) {
            // Another pending login of this identifier shows this code: it would not name one login.
            throw invalid("this code is already in use for this identifier: draw another one");
        }
        session.setAttribute(CLAIMED, nationalId + ":" + binding);
    }

    /** Whether this request claimed {@code code} for {@code nationalId} (false for a code sent another way). */
    static boolean claimed(KeycloakSession session, String nationalId, String code) {
        return (nationalId + ":" + code).equals(session.getAttribute(CLAIMED));
    }

    /** Six digits and their Luhn key, as Vigie's own codes. */
    static boolean isVigieCode(String value) {
        return value != null && value.matches("[0-9]{7}") && Luhn.isValid(value);
    }

    private static ErrorResponseException invalid(String description) {
        return new ErrorResponseException(OAuthErrorException.INVALID_BINDING_MESSAGE, description, Response.Status.BAD_REQUEST);
    }
}
