package org.vigie.delegation;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.context.TokenResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.vigie.common.DelegationNotes;
import org.vigie.events.VigieEvents;

/**
 * Keeps delegated sessions within their bounds whenever a token is issued (code exchange and
 * refresh): only for the service the practitioner approved, and only until the end time, after
 * which the session is ended; no access or ID token issued before the end time is good after it.
 * Keycloak itself refuses refreshes of sessions already ended (by the practitioner, the assistant
 * or an operator). Every token issued for a delegation is an event.
 *
 * <p>For every session, delegated or not: a refresh token or an access token (UserInfo) is good
 * for its own user only (see {@link #refuseAnotherUsersRefreshToken}).
 */
public class DelegationBoundsExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private final KeycloakSession session;

    public DelegationBoundsExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return DelegationBoundsExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context instanceof UserInfoRequestContext userInfo) {
            UserSessionModel owner = userInfo.getClientSession() == null ? null : userInfo.getClientSession().getUserSession();
            String token = userInfo.getTokenForUserInfo() == null ? null : userInfo.getTokenForUserInfo().getToken();
            if (owner != null && !ownToken(token, owner, AccessToken.class)) {
                throw new ClientPolicyException(OAuthErrorException.INVALID_TOKEN,
                        "this access token belongs to another user's session", Response.Status.UNAUTHORIZED);
            }
            return;
        }
        AuthenticatedClientSessionModel clientSession;
        String grant;
        TokenManager.AccessTokenResponseBuilder tokens;
        if (context instanceof TokenResponseContext response) {
            clientSession = response.getClientSession();
            grant = "authorization_code";
            tokens = response.getAccessTokenResponseBuilder();
        } else if (context instanceof TokenRefreshResponseContext refresh) {
            clientSession = refresh.getClientSession();
            grant = "refresh_token";
            tokens = refresh.getAccessTokenResponseBuilder();
        } else {
            return;
        }
        UserSessionModel userSession = clientSession == null ? null : clientSession.getUserSession();
        if (context instanceof TokenRefreshResponseContext refresh && userSession != null) {
            refuseAnotherUsersRefreshToken(refresh, userSession);
        }
        Optional<DelegationNotes> found = DelegationNotes.of(userSession);
        if (found.isEmpty()) {
            return;
        }
        DelegationNotes delegation = found.get();
        RealmModel realm = session.getContext().getRealm();
        if (delegation.overAt(Time.currentTime())) {
            endInOwnTransaction(realm.getId(), userSession.getId());
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "the delegation has ended", Response.Status.BAD_REQUEST);
        }
        if (!delegation.clientId().equals(clientSession.getClient().getClientId())) {
            // A delegation is approved for one service: no other one gets the practitioner's tokens from it.
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT,
                    "this delegated session is for another service", Response.Status.BAD_REQUEST);
        }
        expireAtTheEnd(tokens, delegation.until());
        // IMPERSONATE (stored by default, unlike REFRESH_TOKEN): the practitioner's tokens issued to someone acting for them.
        Delegations.event(session, realm, session.getContext().getConnection(), EventType.IMPERSONATE, userSession.getUser(), delegation)
                .session(userSession.getId())
                .detail(VigieEvents.DETAIL_REASON, Delegations.REASON_USED)
                .detail("vigie_grant", grant)
                .success();
    }

    /**
     * The access and ID tokens expire at the delegation's end at the latest (they are signed after
     * this event): an access token refreshed a minute before the end is refused by UserInfo and
     * introspection after it, and a service's own session, bound to the ID token, refreshes then
     * and is refused. The refresh token keeps its lifetime, so that the refresh after the end
     * reaches this check and ends the session.
     */
    private static void expireAtTheEnd(TokenManager.AccessTokenResponseBuilder tokens, long until) {
        for (JsonWebToken token : new JsonWebToken[]{tokens.getAccessToken(), tokens.getIdToken()}) {
            if (token != null && (token.getExp() == null || token.getExp() > until)) {
                token.exp(until);
            }
        }
    }

    /**
     * A refresh token is good for its own user only. On a shared computer, a second practitioner's
     * session takes the browser's session id, which the first one's tokens name too: Keycloak
     * refuses their refresh tokens when they were issued before the new session started, but both
     * can fall in the same second. The subject decides: another user's refresh token is refused.
     */
    private static void refuseAnotherUsersRefreshToken(TokenRefreshResponseContext refresh, UserSessionModel userSession)
            throws ClientPolicyException {
        String token = refresh.getParams() == null ? null : refresh.getParams().getFirst("refresh_token");
        if (!ownToken(token, userSession, RefreshToken.class)) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT,
                    "this refresh token belongs to another user's session", Response.Status.BAD_REQUEST);
        }
    }

    /** False when the token (already verified by Keycloak; only its subject is read) names another user than the session's. */
    private static boolean ownToken(String token, UserSessionModel userSession, Class<? extends JsonWebToken> type) {
        if (token == null || userSession.getUser() == null) {
            return true;
        }
        try {
            String subject = new JWSInput(token).readJsonContent(type).getSubject();
            return subject == null || subject.equals(userSession.getUser().getId());
        } catch (JWSInputException e) {
            return true;
        }
    }

    /** The request fails, and its transaction with it: the end of the session is its own. */
    private void endInOwnTransaction(String realmId, String userSessionId) {
        var connection = session.getContext().getConnection();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
            RealmModel realm = other.realms().getRealm(realmId);
            other.getContext().setRealm(realm);
            UserSessionModel userSession = other.sessions().getUserSession(realm, userSessionId);
            if (userSession != null) {
                Delegations.end(other, realm, userSession, Delegations.EndedBy.EXPIRY, connection);
            }
        });
    }
}
