package org.vigie.ciba;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.grants.ciba.CibaGrantType;
import org.keycloak.protocol.oidc.grants.ciba.endpoints.request.BackchannelAuthenticationEndpointRequestParser;
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
 * the channel can only answer 503. The claim is noted on the session for the channel, which starts
 * no login whose code was not claimed here.
 *
 * <p>The code is read as Keycloak reads it for the channel: from the signed request object
 * ({@code request} or {@code request_uri}, CIBA Core 7.1.1) when that holds a {@code binding_message},
 * else from the form. Keycloak has verified the request object's signature before resolving
 * {@code login_hint} and left its claims on the session.
 */
final class CibaCodeClaim {

    private static final String CLAIMED = "vigie.ciba.claimed-code";

    private CibaCodeClaim() {
    }

    /** Claims the request's code for the identifier, or answers {@code invalid_binding_message}. */
    static void claim(KeycloakSession session, RealmModel realm, String nationalId) {
        String binding = bindingMessage(session);
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

    /**
     * The {@code binding_message} Keycloak hands the channel: a request object's value replaces the
     * form's (Keycloak's parser, {@code replaceIfNotNull}), a JSON value read as its text.
     */
    static String bindingMessage(KeycloakSession session) {
        return bindingMessage(session.getAttribute(BackchannelAuthenticationEndpointRequestParser.CIBA_SIGNED_AUTHENTICATION_REQUEST),
                session.getContext().getHttpRequest().getDecodedFormParameters().getFirst(CibaGrantType.BINDING_MESSAGE));
    }

    /** {@code signedRequest}: the verified request object's claims Keycloak keeps on the session, if any. */
    static String bindingMessage(Object signedRequest, String formValue) {
        if (signedRequest instanceof JsonNode signed) {
            JsonNode value = signed.get(CibaGrantType.BINDING_MESSAGE);
            if (value != null) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
        return formValue;
    }

    /** Six digits and their Luhn key, as Vigie's own codes. */
    static boolean isVigieCode(String value) {
        return value != null && value.matches("[0-9]{7}") && Luhn.isValid(value);
    }

    private static ErrorResponseException invalid(String description) {
        return new ErrorResponseException(OAuthErrorException.INVALID_BINDING_MESSAGE, description, Response.Status.BAD_REQUEST);
    }
}
